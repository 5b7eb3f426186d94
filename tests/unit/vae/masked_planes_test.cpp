// A training step with the velocity, duration and offset planes computed at onset cells only (the default:
// logits there alone, backward products over the gradient's non-zeros) against the same step computed at
// every cell with the dense products, at the real model's size and a melody's density of onsets (~2%).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <utility>
#include <vector>

#include "core/vae/network.h"
#include "tests/unit/vae/test_planes.h"

namespace melodyvae::vae {
namespace {

double largestMagnitude(std::span<const float> values) {
  double largest = 0;
  for (const float v : values) largest = std::max(largest, static_cast<double>(std::abs(v)));
  return largest;
}

TEST(MaskedPlanes, OnsetCellsGiveTheLossAndGradientsOfEveryCell) {
  const ModelShape shape;  // 24 rows x 32 steps
  const auto input = testing::makeTestPlanes(16, 24, 32, 3);
  Network<float> everyCell(shape, 9);
  Network<float> onsetCells(shape, 9);
  everyCell.setMaskedPlanes(MaskedPlanes::kEveryCell);
  onsetCells.setMaskedPlanes(MaskedPlanes::kOnsetCells);
  RandomNoise noiseA(4), noiseB(4);  // the same dropout masks and eps
  const LossParts a = everyCell.trainStep(input.batch, 0.5f, noiseA);
  const LossParts b = onsetCells.trainStep(input.batch, 0.5f, noiseB);

  EXPECT_EQ(a.onset, b.onset);  // the onset plane takes the same path in both
  EXPECT_EQ(a.kl, b.kl);
  for (const auto& [x, y] : {std::pair{a.velocity, b.velocity}, std::pair{a.duration, b.duration},
                             std::pair{a.offset, b.offset}, std::pair{a.total, b.total}}) {
    EXPECT_NEAR(x, y, 1e-5 * std::abs(x));
  }
  // Every gradient, within float rounding of the largest in its tensor.
  for (const TensorView& view : everyCell.layout().parameters) {
    const auto expected = everyCell.gradients().subspan(view.offset, view.size);
    const auto actual = onsetCells.gradients().subspan(view.offset, view.size);
    const double tolerance = 1e-5 * largestMagnitude(expected) + 1e-12;
    for (std::size_t i = 0; i < view.size; ++i) {
      ASSERT_NEAR(actual[i], expected[i], tolerance) << view.name << " [" << i << "]";
    }
  }
  // The outputs where the losses read them agree; elsewhere the fast step computed nothing (the heads of a
  // zero logit: sigmoid 0.5, tanh 0), which shows it took the fast path.
  const std::vector<float>& onset = input.planes[0];
  int onsets = 0;
  for (int p = 1; p < 4; ++p) {
    const auto full = everyCell.output(p).reshaped<Eigen::RowMajor>();
    const auto fast = onsetCells.output(p).reshaped<Eigen::RowMajor>();
    const float untouched = p == 3 ? 0.0f : 0.5f;
    for (std::size_t k = 0; k < onset.size(); ++k) {
      const auto i = static_cast<Eigen::Index>(k);
      if (onset[k] != 0.0f) {
        ASSERT_NEAR(fast[i], full[i], 1e-6) << "plane " << p << " cell " << k;
        onsets += p == 1 ? 1 : 0;
      } else {
        ASSERT_EQ(fast[i], untouched) << "plane " << p << " cell " << k;
      }
    }
  }
  EXPECT_GT(onsets, 0);
  EXPECT_LT(onsets, static_cast<int>(onset.size()) / 8);  // sparse enough for the sparse backward products
}

}  // namespace
}  // namespace melodyvae::vae
