// The loss pieces: BCE from logits, masked squared error, the KL term and the reparameterization.
#include <gtest/gtest.h>

#include <cmath>

#include "core/nn/bce_with_logits.h"
#include "core/nn/kl_divergence.h"
#include "core/nn/masked_squared_error.h"
#include "core/nn/reparameterize.h"
#include "tests/unit/nn/gradient_check.h"

namespace melodyvae::nn {
namespace {

using testing::checkGradient;
using testing::dot;
using testing::randomValues;

constexpr int kRows = 3;
constexpr int kCols = 8;

std::vector<float> onsets() {
  std::vector<float> t(kRows * kCols, 0.0f);
  for (std::size_t i = 0; i < t.size(); i += 3) t[i] = 1.0f;
  return t;
}

TEST(BceWithLogits, ValueAndGradientMatch) {
  std::vector<double> logits = randomValues(kRows * kCols, 31, -5, 5);
  const std::vector<float> target = onsets();
  auto loss = [&] {
    return bceWithLogitsForward<double>(constViewOf(logits.data(), kRows, kCols), target.data());
  };
  double naive = 0;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    const double p = 1 / (1 + std::exp(-logits[i]));
    naive -= target[i] * std::log(p) + (1 - target[i]) * std::log(1 - p);
  }
  EXPECT_NEAR(loss(), naive, 1e-12);
  std::vector<double> dLogits(logits.size());
  bceWithLogitsBackward<double>(constViewOf(logits.data(), kRows, kCols), target.data(), 1.0,
                                viewOf(dLogits.data(), kRows, kCols));
  checkGradient("bce with logits", logits, dLogits, loss);
}

TEST(BceWithLogits, IsStableForLargeLogits) {
  const std::vector<float> logits = {100.0f, -100.0f, 100.0f, -100.0f};
  const std::vector<float> target = {1.0f, 0.0f, 0.0f, 1.0f};
  const double loss = bceWithLogitsForward<float>(constViewOf(logits.data(), 1, 4), target.data());
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_NEAR(loss, 200.0, 1e-3);  // two confident right answers (~0), two wrong ones (100 each)
}

TEST(MaskedSquaredError, CountsOnlyMaskedCellsAndGradientMatches) {
  std::vector<double> prediction = randomValues(kRows * kCols, 32);
  const std::vector<float> target(kRows * kCols, 0.25f);
  const std::vector<float> mask = onsets();
  auto loss = [&] {
    return maskedSquaredErrorForward<double>(constViewOf(prediction.data(), kRows, kCols), target.data(),
                                             mask.data());
  };
  double expected = 0;
  for (std::size_t i = 0; i < prediction.size(); ++i) expected += mask[i] * std::pow(prediction[i] - 0.25, 2);
  EXPECT_NEAR(loss(), expected, 1e-13);
  std::vector<double> dPrediction(prediction.size());
  maskedSquaredErrorBackward<double>(constViewOf(prediction.data(), kRows, kCols), target.data(), mask.data(),
                                     1.0, viewOf(dPrediction.data(), kRows, kCols));
  for (std::size_t i = 0; i < mask.size(); ++i) {
    if (mask[i] == 0.0f) {
      EXPECT_EQ(dPrediction[i], 0.0) << i;
    }
  }
  checkGradient("masked squared error", prediction, dPrediction, loss);
}

TEST(KlDivergence, ValueAndGradientMatch) {
  constexpr int kLatent = 2;
  std::vector<double> mean = randomValues(kRows * kLatent, 33, -2, 2);
  std::vector<double> logVariance = randomValues(kRows * kLatent, 34, -2, 2);
  auto loss = [&] {
    return klDivergenceForward<double>(constViewOf(mean.data(), kRows, kLatent),
                                       constViewOf(logVariance.data(), kRows, kLatent));
  };
  double expected = 0;
  for (std::size_t i = 0; i < mean.size(); ++i) {
    expected += -0.5 * (1 + logVariance[i] - mean[i] * mean[i] - std::exp(logVariance[i]));
  }
  EXPECT_NEAR(loss(), expected, 1e-13);
  std::vector<double> zero = {0, 0};
  EXPECT_EQ(klDivergenceForward<double>(constViewOf(zero.data(), 1, 2), constViewOf(zero.data(), 1, 2)), 0.0);
  std::vector<double> dMean(mean.size(), 0.0), dLogVariance(mean.size(), 0.0);
  klDivergenceBackward<double>(
      constViewOf(mean.data(), kRows, kLatent), constViewOf(logVariance.data(), kRows, kLatent), 1.0,
      viewOf(dMean.data(), kRows, kLatent), viewOf(dLogVariance.data(), kRows, kLatent));
  checkGradient("kl d/dmean", mean, dMean, loss);
  checkGradient("kl d/dlogvar", logVariance, dLogVariance, loss);
}

TEST(Reparameterize, GradientMatchesWithFixedEps) {
  constexpr int kLatent = 2;
  std::vector<double> mean = randomValues(kRows * kLatent, 35);
  std::vector<double> logVariance = randomValues(kRows * kLatent, 36);
  const std::vector<float> eps = {0.5f, -1.25f, 2.0f, 0.0f, -0.75f, 1.0f};
  const std::vector<double> probe = randomValues(kRows * kLatent, 37);
  std::vector<double> z(mean.size());
  auto loss = [&] {
    reparameterizeForward<double>(constViewOf(mean.data(), kRows, kLatent),
                                  constViewOf(logVariance.data(), kRows, kLatent), eps.data(),
                                  viewOf(z.data(), kRows, kLatent));
    return dot(z, probe);
  };
  loss();
  EXPECT_NEAR(z[0], mean[0] + std::exp(logVariance[0] / 2) * 0.5, 1e-15);
  std::vector<double> dMean(mean.size(), 0.0), dLogVariance(mean.size(), 0.0);
  reparameterizeBackward<double>(
      constViewOf(probe.data(), kRows, kLatent), constViewOf(logVariance.data(), kRows, kLatent), eps.data(),
      viewOf(dMean.data(), kRows, kLatent), viewOf(dLogVariance.data(), kRows, kLatent));
  checkGradient("reparameterize d/dmean", mean, dMean, loss);
  // eps = 0 makes one log-variance gradient exactly 0; the relative check handles it through the floor.
  checkGradient("reparameterize d/dlogvar", logVariance, dLogVariance, loss);
}

}  // namespace
}  // namespace melodyvae::nn
