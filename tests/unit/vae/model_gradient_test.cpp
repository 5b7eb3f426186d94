// The whole training loss of a small model, in double precision, against central differences w.r.t. a
// sample of every parameter tensor (batch-norm in training mode, fixed dropout masks and eps), with the
// masked planes computed at onset cells only (sparse products) and at every cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/vae/network.h"
#include "tests/unit/nn/gradient_check.h"
#include "tests/unit/vae/test_planes.h"

namespace melodyvae::vae {
namespace {

ModelShape smallShape() {
  ModelShape shape;
  shape.cells = 24;  // 6 rows x 4 steps: onsets in ~8% of cells, sparse enough for the sparse products
  shape.planeHidden = 6;
  shape.mergeHidden = 5;
  shape.latent = 2;
  shape.decoderHidden = 7;
  shape.branchHidden = 4;
  return shape;
}

class ModelGradient : public ::testing::TestWithParam<MaskedPlanes> {};

TEST_P(ModelGradient, WholeLossMatchesFiniteDifferencesForEveryTensor) {
  const ModelShape shape = smallShape();
  Network<double> network(shape, 42);
  network.setMaskedPlanes(GetParam());
  // Non-trivial gamma, beta and biases, so every term of the backward pass is exercised.
  std::mt19937_64 engine(7);
  std::uniform_real_distribution<double> jitter(-0.2, 0.2);
  for (const TensorView& view : network.layout().parameters) {
    if (view.shape.size() == 1) {
      for (std::size_t i = 0; i < view.size; ++i) network.parameters()[view.offset + i] += jitter(engine);
    }
  }
  const auto input = testing::makeTestPlanes(5, 6, 4, 11);
  const float klWeight = 0.7f;
  constexpr std::uint64_t kNoiseSeed = 99;
  auto loss = [&] {
    RandomNoise noise(kNoiseSeed);  // same masks and eps on every evaluation
    return network.trainStep(input.batch, klWeight, noise).total;
  };
  loss();
  const std::vector<double> analytic(network.gradients().begin(), network.gradients().end());

  // Up to 8 indices per tensor, spread over it.
  std::vector<std::size_t> indices;
  for (const TensorView& view : network.layout().parameters) {
    const std::size_t count = std::min<std::size_t>(8, view.size);
    for (std::size_t k = 0; k < count; ++k) indices.push_back(view.offset + (k * view.size) / count);
  }
  // The loss is ~20: difference quotients carry ~1e-16 * 20 / step = 2e-9 of rounding, hence the floor.
  nn::testing::CheckSettings settings;
  settings.step = 1e-6;
  settings.relativeTolerance = 1e-5;
  settings.floor = 1e-3;
  const int skipped =
      nn::testing::checkGradientAt("whole model", network.parameters(), analytic, indices, loss, settings);
  EXPECT_LT(skipped, static_cast<int>(indices.size()) / 20) << "too many points at a leaky-ReLU kink";

  // Biases of dense layers feeding batch norm: exactly zero gradient, and the loss does not move.
  for (const TensorView& view : network.layout().parameters) {
    if (!view.name.ends_with(".dense.bias")) continue;
    for (std::size_t i = 0; i < view.size; ++i) EXPECT_EQ(analytic[view.offset + i], 0.0) << view.name;
  }
}

INSTANTIATE_TEST_SUITE_P(MaskedPlanes, ModelGradient,
                         ::testing::Values(MaskedPlanes::kOnsetCells, MaskedPlanes::kEveryCell),
                         [](const ::testing::TestParamInfo<MaskedPlanes>& test) {
                           return test.param == MaskedPlanes::kOnsetCells ? "OnsetCells" : "EveryCell";
                         });

TEST(ModelGradientParts, LossPartsAddUpAndKlWeightScalesOnlyTheKlTerm) {
  Network<double> network(smallShape(), 3);
  const auto input = testing::makeTestPlanes(4, 6, 4, 12);
  RandomNoise noiseA(5), noiseB(5);
  const LossParts a = network.trainStep(input.batch, 0.0f, noiseA);
  const LossParts b = network.trainStep(input.batch, 1.0f, noiseB);
  EXPECT_NEAR(a.total, a.onset + a.velocity + a.duration + a.offset, 1e-12);
  EXPECT_NEAR(b.total, b.onset + b.velocity + b.duration + b.offset + b.kl, 1e-12);
  EXPECT_DOUBLE_EQ(a.onset, b.onset);
  EXPECT_DOUBLE_EQ(a.kl, b.kl);
  EXPECT_GT(a.kl, 0.0);
}

}  // namespace
}  // namespace melodyvae::vae
