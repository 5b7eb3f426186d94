// The C++ network against PyTorch (tools/torch_reference.py): one training step, one Adam step, the
// running statistics, eval mode and decode, on a small and on the full-size model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/nn/adam.h"
#include "core/vae/network.h"
#include "core/vae/vae.h"
#include "tests/unit/vae/parity_fixture.h"

namespace melodyvae::vae {
namespace {

using testing::FixtureNoise;
using testing::ParityFixture;

// |actual - expected| <= absolute + relative * |expected| for every value; on failure, the largest excess.
struct Tolerance {
  double absolute;
  double relative;
};

// Values: forward outputs and losses are float32 sums of at most a few thousand terms.
constexpr Tolerance kOutputs{2e-5, 2e-4};
constexpr Tolerance kLosses{0.0, 2e-5};
// Gradients: absolute part scaled by the tensor's largest expected magnitude (see expectGradientClose).
constexpr double kGradientRelativeToMax = 2e-4;
constexpr double kGradientRelative = 2e-3;
// Biases of dense layers feeding batch norm: the exact gradient is 0 (the engine returns 0); PyTorch's
// autograd returns rounding noise around it.
constexpr double kZeroGradient = 1e-5;
// Adam: one step moves parameters by ~lr; the update m / (sqrt(v) + eps) is sign-like, so tiny gradients
// that differ in float rounding can move differently. Compared in units of the learning rate.
constexpr double kAdamInLearningRates = 2e-2;
// Running statistics: momentum-weighted batch means and variances.
constexpr Tolerance kRunning{1e-6, 1e-5};
// Checksums of sampled full-size tensors: sum vs fixture sum, relative to the sum of magnitudes.
constexpr double kChecksum = 1e-4;

struct Mismatch {
  double excess = 0;  // largest |a - e| - allowed
  double actual = 0;
  double expected = 0;
  std::size_t index = 0;
  std::size_t failures = 0;
};

template <typename Actual>
Mismatch compare(const Actual& actual, std::span<const float> expected, std::size_t stride,
                 Tolerance tolerance) {
  Mismatch worst;
  worst.excess = -1;
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const double a = static_cast<double>(actual[k * stride]);
    const double e = static_cast<double>(expected[k]);
    const double excess = std::abs(a - e) - (tolerance.absolute + tolerance.relative * std::abs(e));
    if (!(excess <= 0)) ++worst.failures;
    if (!(excess <= worst.excess)) worst = {excess, a, e, k * stride, worst.failures};
  }
  return worst;
}

template <typename Actual>
void expectTolerance(const std::string& label, const Actual& actual, std::span<const float> expected,
                     Tolerance tolerance, std::size_t stride) {
  const Mismatch m = compare(actual, expected, stride, tolerance);
  EXPECT_EQ(m.failures, 0u) << label << ": " << m.failures << " of " << expected.size()
                            << " values out of tolerance; largest difference at index " << m.index
                            << ": actual " << m.actual << ", expected " << m.expected << " ("
                            << std::abs(m.actual - m.expected) << ")";
}

// Largest absolute difference per group (label up to its first '.'), printed after each fixture so the
// margins stay visible when the test passes.
std::map<std::string, double>& largestDifferences() {
  static std::map<std::string, double> differences;
  return differences;
}

// The same, divided by the largest expected magnitude of the tensor compared.
std::map<std::string, double>& largestScaledDifferences() {
  static std::map<std::string, double> differences;
  return differences;
}

template <typename Actual>
void expectClose(const std::string& label, const Actual& actual, std::span<const float> expected,
                 Tolerance tolerance, std::size_t stride = 1) {
  const Mismatch m = compare(actual, expected, stride, Tolerance{0.0, 0.0});
  const std::string group = label.substr(0, label.find('.'));
  const double difference = std::abs(m.actual - m.expected);
  double largestExpected = 0;
  for (float e : expected) largestExpected = std::max(largestExpected, static_cast<double>(std::abs(e)));
  double& largest = largestDifferences()[group];
  largest = std::max(largest, difference);
  double& scaled = largestScaledDifferences()[group];
  if (largestExpected > 0) scaled = std::max(scaled, difference / largestExpected);
  expectTolerance(label, actual, expected, tolerance, stride);
}

double maxAbs(std::span<const float> values) {
  double m = 0;
  for (float v : values) m = std::max(m, static_cast<double>(std::abs(v)));
  return m;
}

// Compares one tensor of a block with a fixture entry (full or sampled; sampled also by checksum).
// label: how failures and the difference summary name it (default: the key).
void expectTensorClose(const ParityFixture& fixture, const std::string& key, std::span<const float> block,
                       const TensorView& view, Tolerance tolerance, const std::string& label = {}) {
  const auto tensor = block.subspan(view.offset, view.size);
  const nlohmann::json& entry = fixture.entry(key);
  const auto expected = fixture.values(key);
  const std::size_t stride = entry.contains("stride") ? entry.at("stride").get<std::size_t>() : 1;
  ASSERT_EQ((view.size + stride - 1) / stride, expected.size()) << key;
  expectClose(label.empty() ? key : label, tensor, expected, tolerance, stride);
  if (entry.contains("sum")) {
    double sum = 0;
    for (float v : tensor) sum += static_cast<double>(v);
    const double expectedSum = entry.at("sum").get<double>();
    EXPECT_LE(std::abs(sum - expectedSum), kChecksum * entry.at("abs_sum").get<double>())
        << key << ": sum " << sum << " vs " << expectedSum;
  }
}

void expectLossClose(const std::string& label, const LossParts& parts, std::span<const float> expected) {
  const std::vector<double> actual = {parts.onset,  parts.velocity, parts.duration,
                                      parts.offset, parts.kl,       parts.total};
  expectClose(label + " (onset, velocity, duration, offset, kl, total)", actual, expected, kLosses);
}

// The values at the cells whose onset is non-zero, in order; every value when `onlyOnsets` is false.
template <typename Values>
std::vector<float> atOnsets(const Values& values, std::span<const float> onset, bool onlyOnsets) {
  std::vector<float> kept;
  for (std::size_t k = 0; k < onset.size(); ++k) {
    if (!onlyOnsets || onset[k] != 0.0f)
      kept.push_back(static_cast<float>(values[static_cast<Eigen::Index>(k)]));
  }
  return kept;
}

// Each fixture runs twice: with the masked planes computed at every cell, as PyTorch does, and at onset
// cells only (the default; their training outputs are then compared there).
class Parity : public ::testing::TestWithParam<std::tuple<std::string, MaskedPlanes>> {};

TEST_P(Parity, TrainingStepAdamEvalAndDecodeMatchPyTorch) {
  const std::string name = std::get<0>(GetParam());
  const MaskedPlanes masked = std::get<1>(GetParam());
  const ParityFixture fixture(name);
  const ModelShape shape = fixture.shape();
  const int batch = fixture.batch();
  SCOPED_TRACE("fixture " + name + " (torch " + fixture.meta().at("torch_version").get<std::string>() + ")" +
               (masked == MaskedPlanes::kOnsetCells ? ", masked planes at onset cells" : ", every cell"));

  Network<float> network(shape, 1);
  network.setMaskedPlanes(masked);
  ASSERT_EQ(network.layout().parameters.size(), fixture.meta().at("parameters").size());
  for (std::size_t i = 0; i < network.layout().parameters.size(); ++i) {
    ASSERT_EQ(network.layout().parameters[i].name, fixture.meta().at("parameters")[i].get<std::string>());
  }
  for (std::size_t i = 0; i < network.layout().batchNorm.size(); ++i) {
    ASSERT_EQ(network.layout().batchNorm[i].name, fixture.meta().at("batchNormState")[i].get<std::string>());
  }
  testing::loadReferenceWeights(network);

  std::array<std::span<const float>, 4> planes;
  PlaneBatch input;
  input.size = batch;
  for (std::size_t p = 0; p < 4; ++p) {
    planes[p] = fixture.values(std::string("input.") + kPlaneNames[p]);
    input.planes[p] = planes[p].data();
  }
  const auto klWeight = fixture.meta().at("klWeight").get<float>();

  // Training step.
  FixtureNoise noise(fixture);
  const LossParts trainLoss = network.trainStep(input, klWeight, noise);
  expectLossClose("train.loss", trainLoss, fixture.values("train.loss"));
  expectClose("train.mean", network.mean().reshaped<Eigen::RowMajor>(), fixture.values("train.mean"),
              kOutputs);
  expectClose("train.logvar", network.logVariance().reshaped<Eigen::RowMajor>(),
              fixture.values("train.logvar"), kOutputs);
  expectClose("train.z", network.latent().reshaped<Eigen::RowMajor>(), fixture.values("train.z"), kOutputs);
  for (int p = 0; p < 4; ++p) {
    const std::string key = std::string("train.output.") + kPlaneNames[static_cast<std::size_t>(p)];
    const bool onlyOnsets = masked == MaskedPlanes::kOnsetCells && p != 0;
    const std::vector<float> expected = atOnsets(fixture.values(key), planes[0], onlyOnsets);
    ASSERT_FALSE(expected.empty()) << key;
    expectClose(key, atOnsets(network.output(p).reshaped<Eigen::RowMajor>(), planes[0], onlyOnsets), expected,
                kOutputs);
  }
  for (const TensorView& view : network.layout().parameters) {
    const std::string key = "grad." + view.name;
    const bool exactlyZero = view.name.ends_with(".dense.bias");
    const double scale = maxAbs(fixture.values(key));
    expectTensorClose(fixture, key, network.gradients(), view,
                      exactlyZero ? Tolerance{kZeroGradient, 0.0}
                                  : Tolerance{kGradientRelativeToMax * scale, kGradientRelative},
                      exactlyZero ? "zero-grad." + view.name : key);
  }
  for (const TensorView& view : network.layout().batchNorm) {
    expectTensorClose(fixture, "state." + view.name, network.batchNormState(), view, kRunning);
  }

  // One Adam step with the reference's settings.
  const nlohmann::json& adamMeta = fixture.meta().at("adam");
  nn::AdamSettings settings;
  settings.beta1 = adamMeta.at("beta1").get<float>();
  settings.beta2 = adamMeta.at("beta2").get<float>();
  settings.epsilon = adamMeta.at("epsilon").get<float>();
  const auto learningRate = fixture.meta().at("learningRate").get<float>();
  nn::Adam adam(network.parameters().size(), settings);
  adam.step(network.parameters(), network.gradients(), learningRate);
  for (const TensorView& view : network.layout().parameters) {
    expectTensorClose(fixture, "adam." + view.name, network.parameters(), view,
                      {kAdamInLearningRates * learningRate, 0.0});
  }

  // Eval mode on the same batch with the updated weights and running statistics.
  const LossParts evalLoss = network.evaluate(input, klWeight);
  expectLossClose("eval.loss", evalLoss, fixture.values("eval.loss"));
  expectClose("eval.mean", network.mean().reshaped<Eigen::RowMajor>(), fixture.values("eval.mean"), kOutputs);
  expectClose("eval.logvar", network.logVariance().reshaped<Eigen::RowMajor>(), fixture.values("eval.logvar"),
              kOutputs);
  for (int p = 0; p < 4; ++p) {
    const std::string key = std::string("eval.output.") + kPlaneNames[static_cast<std::size_t>(p)];
    expectClose(key, network.output(p).reshaped<Eigen::RowMajor>(), fixture.values(key), kOutputs);
  }

  // Decode of fixed latent points, through the public Vae API on a copy of the trained weights.
  Vae vae(shape, 1);
  std::copy(network.parameters().begin(), network.parameters().end(), vae.parameters().begin());
  std::copy(network.batchNormState().begin(), network.batchNormState().end(), vae.batchNormState().begin());
  const auto z = fixture.values("decode.z");
  const int count = static_cast<int>(z.size()) / shape.latent;
  std::array<std::vector<float>, 4> decoded;
  for (auto& plane : decoded) plane.resize(static_cast<std::size_t>(count * shape.cells));
  vae.decode(z.data(), count, {decoded[0].data(), decoded[1].data(), decoded[2].data(), decoded[3].data()});
  for (std::size_t p = 0; p < 4; ++p) {
    const std::string key = std::string("decode.output.") + kPlaneNames[p];
    expectClose(key, decoded[p], fixture.values(key), kOutputs);
  }
  std::vector<float> means(static_cast<std::size_t>(batch * shape.latent));
  vae.encodeMean(input, means.data());
  expectClose("encodeMean", means, fixture.values("eval.mean"), kOutputs);

  std::cout << "largest absolute differences vs PyTorch (" << name
            << (masked == MaskedPlanes::kOnsetCells ? ", masked planes at onset cells" : ", every cell")
            << "):";
  for (const auto& [group, difference] : largestDifferences()) std::cout << ' ' << group << ' ' << difference;
  std::cout << "\n  relative to each tensor's largest value:";
  for (const auto& [group, difference] : largestScaledDifferences())
    std::cout << ' ' << group << ' ' << difference;
  std::cout << '\n';
  largestDifferences().clear();
  largestScaledDifferences().clear();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Parity,
                         ::testing::Combine(::testing::Values("small", "full"),
                                            ::testing::Values(MaskedPlanes::kEveryCell,
                                                              MaskedPlanes::kOnsetCells)),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, MaskedPlanes>>& test) {
                           return std::get<0>(test.param) +
                                  (std::get<1>(test.param) == MaskedPlanes::kOnsetCells ? "_OnsetCells"
                                                                                        : "_EveryCell");
                         });

}  // namespace
}  // namespace melodyvae::vae
