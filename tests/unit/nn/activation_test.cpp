// Leaky ReLU, dropout with a fixed mask, and the sigmoid / tanh heads: finite-difference gradients.
#include <gtest/gtest.h>

#include <cmath>

#include "core/nn/dropout.h"
#include "core/nn/leaky_relu.h"
#include "core/nn/output_heads.h"
#include "tests/unit/nn/gradient_check.h"

namespace melodyvae::nn {
namespace {

using testing::checkGradient;
using testing::dot;
using testing::randomValues;

constexpr int kRows = 4;
constexpr int kCols = 6;

TEST(LeakyRelu, GradientMatchesFiniteDifferencesAwayFromTheKink) {
  std::vector<double> in = randomValues(kRows * kCols, 21);
  in[3] = 0.0;   // exactly at the kink: must be skipped
  in[5] = 1e-9;  // within one step of it: skipped too
  const std::vector<double> probe = randomValues(kRows * kCols, 22);
  std::vector<double> out(in.size());
  auto loss = [&] {
    leakyReluForward<double>(constViewOf(in.data(), kRows, kCols), 0.3, viewOf(out.data(), kRows, kCols));
    return dot(out, probe);
  };
  loss();
  std::vector<double> dIn(in.size());
  leakyReluBackward<double>(constViewOf(probe.data(), kRows, kCols), constViewOf(in.data(), kRows, kCols),
                            0.3, viewOf(dIn.data(), kRows, kCols));
  const int skipped = checkGradient("leaky relu", in, dIn, loss);
  EXPECT_EQ(skipped, 2);
  EXPECT_DOUBLE_EQ(out[0], in[0] > 0 ? in[0] : 0.3 * in[0]);
}

TEST(Dropout, FixedMaskScalesKeptValuesAndGradientMatches) {
  std::vector<double> in = randomValues(kRows * kCols, 23);
  std::vector<float> mask(in.size());
  for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = (i % 3 == 0) ? 0.0f : 1.0f;
  const std::vector<double> probe = randomValues(kRows * kCols, 24);
  std::vector<double> out(in.size());
  const float rate = 0.25f;
  auto loss = [&] {
    dropoutForward<double>(constViewOf(in.data(), kRows, kCols), mask.data(), rate,
                           viewOf(out.data(), kRows, kCols));
    return dot(out, probe);
  };
  loss();
  for (std::size_t i = 0; i < in.size(); ++i) {
    EXPECT_NEAR(out[i], mask[i] == 0.0f ? 0.0 : in[i] / 0.75, 1e-15) << i;
  }
  std::vector<double> dIn(in.size());
  dropoutBackward<double>(constViewOf(probe.data(), kRows, kCols), mask.data(), rate,
                          viewOf(dIn.data(), kRows, kCols));
  checkGradient("dropout", in, dIn, loss);
}

class Head : public ::testing::TestWithParam<HeadActivation> {};

TEST_P(Head, GradientMatchesFiniteDifferences) {
  std::vector<double> logits = randomValues(kRows * kCols, 25, -4, 4);
  const std::vector<double> probe = randomValues(kRows * kCols, 26);
  std::vector<double> out(logits.size());
  auto loss = [&] {
    headForward<double>(GetParam(), constViewOf(logits.data(), kRows, kCols),
                        viewOf(out.data(), kRows, kCols));
    return dot(out, probe);
  };
  loss();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double expected =
        GetParam() == HeadActivation::kTanh ? std::tanh(logits[i]) : 1 / (1 + std::exp(-logits[i]));
    EXPECT_NEAR(out[i], expected, 1e-15) << i;
  }
  std::vector<double> dLogits(logits.size());
  headBackward<double>(GetParam(), constViewOf(probe.data(), kRows, kCols),
                       constViewOf(out.data(), kRows, kCols), viewOf(dLogits.data(), kRows, kCols));
  // Saturated logits (|x| near 4) give gradients ~1e-5, where the difference quotient's own rounding
  // (~1e-16 * |loss| / step) is no longer negligible: errors are relative to at least 1e-3.
  checkGradient("head", logits, dLogits, loss, {1e-6, 1e-6, 1e-3});
}

INSTANTIATE_TEST_SUITE_P(SigmoidAndTanh, Head,
                         ::testing::Values(HeadActivation::kSigmoid, HeadActivation::kTanh));

TEST(Sigmoid, StaysFiniteForLargeLogits) {
  EXPECT_EQ(sigmoid(1000.0f), 1.0f);
  EXPECT_EQ(sigmoid(-1000.0f), 0.0f);
  EXPECT_NEAR(sigmoid(-30.0), std::exp(-30.0) / (1 + std::exp(-30.0)), 1e-25);
}

}  // namespace
}  // namespace melodyvae::nn
