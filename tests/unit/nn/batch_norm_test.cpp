// Batch norm: training-mode gradients by finite differences, Keras running averages, inference formula.
#include <gtest/gtest.h>

#include <cmath>

#include "core/nn/batch_norm.h"
#include "tests/unit/nn/gradient_check.h"

namespace melodyvae::nn {
namespace {

using testing::checkGradient;
using testing::dot;
using testing::randomValues;

constexpr int kBatch = 5;
constexpr int kFeatures = 4;
constexpr double kEpsilon = 1e-3;

struct TrainForward {
  std::vector<double> normalized = std::vector<double>(kBatch * kFeatures);
  std::vector<double> out = std::vector<double>(kBatch * kFeatures);
  std::vector<double> mean = std::vector<double>(kFeatures);
  std::vector<double> variance = std::vector<double>(kFeatures);
  std::vector<double> invStd = std::vector<double>(kFeatures);

  void run(const std::vector<double>& in, const std::vector<double>& gamma, const std::vector<double>& beta) {
    batchNormTrainForward<double>(constViewOf(in.data(), kBatch, kFeatures), gamma.data(), beta.data(),
                                  kEpsilon, viewOf(normalized.data(), kBatch, kFeatures), mean.data(),
                                  variance.data(), invStd.data(), viewOf(out.data(), kBatch, kFeatures));
  }
};

TEST(BatchNorm, TrainingGradientsMatchFiniteDifferences) {
  std::vector<double> in = randomValues(kBatch * kFeatures, 11, -2, 2);  // [5, 4]
  std::vector<double> gamma = randomValues(kFeatures, 12, 0.5, 1.5);
  std::vector<double> beta = randomValues(kFeatures, 13);
  const std::vector<double> probe = randomValues(kBatch * kFeatures, 14);
  TrainForward forward;
  auto loss = [&] {
    forward.run(in, gamma, beta);
    return dot(forward.out, probe);
  };
  loss();
  std::vector<double> dIn(in.size());
  std::vector<double> dGamma(kFeatures, 0.0), dBeta(kFeatures, 0.0), scratch(2 * kFeatures);
  batchNormBackward<double>(constViewOf(probe.data(), kBatch, kFeatures),
                            constViewOf(forward.normalized.data(), kBatch, kFeatures), gamma.data(),
                            forward.invStd.data(), viewOf(dIn.data(), kBatch, kFeatures), dGamma.data(),
                            dBeta.data(), scratch.data());
  checkGradient("batch norm d/din", in, dIn, loss, {1e-6, 1e-6});
  checkGradient("batch norm d/dgamma", gamma, dGamma, loss);
  checkGradient("batch norm d/dbeta", beta, dBeta, loss);
}

TEST(BatchNorm, BackwardMayRunInPlace) {
  const std::vector<double> in = randomValues(kBatch * kFeatures, 15);
  const std::vector<double> gamma = randomValues(kFeatures, 16, 0.5, 1.5);
  const std::vector<double> beta(kFeatures, 0.0);
  TrainForward forward;
  forward.run(in, gamma, beta);
  std::vector<double> dOut = randomValues(kBatch * kFeatures, 17);
  std::vector<double> separate(dOut.size()), dGamma(kFeatures, 0.0), dBeta(kFeatures, 0.0),
      scratch(2 * kFeatures);
  batchNormBackward<double>(constViewOf(dOut.data(), kBatch, kFeatures),
                            constViewOf(forward.normalized.data(), kBatch, kFeatures), gamma.data(),
                            forward.invStd.data(), viewOf(separate.data(), kBatch, kFeatures), dGamma.data(),
                            dBeta.data(), scratch.data());
  batchNormBackward<double>(constViewOf(dOut.data(), kBatch, kFeatures),
                            constViewOf(forward.normalized.data(), kBatch, kFeatures), gamma.data(),
                            forward.invStd.data(), viewOf(dOut.data(), kBatch, kFeatures), dGamma.data(),
                            dBeta.data(), scratch.data());
  for (std::size_t i = 0; i < dOut.size(); ++i) EXPECT_DOUBLE_EQ(dOut[i], separate[i]) << i;
}

TEST(BatchNorm, RunningAveragesUseKerasMomentumAndBiasedVariance) {
  const std::vector<double> in = {1, 10, 2, 20, 3, 30, 4, 40, 5,  50,
                                  6, 60, 7, 70, 8, 80, 9, 90, 10, 100};  // [10, 2]
  const std::vector<double> gamma = {1, 1}, beta = {0, 0};
  std::vector<double> normalized(in.size()), out(in.size()), mean(2), variance(2), invStd(2);
  batchNormTrainForward<double>(constViewOf(in.data(), 10, 2), gamma.data(), beta.data(), kEpsilon,
                                viewOf(normalized.data(), 10, 2), mean.data(), variance.data(), invStd.data(),
                                viewOf(out.data(), 10, 2));
  EXPECT_DOUBLE_EQ(mean[0], 5.5);
  EXPECT_DOUBLE_EQ(variance[0], 8.25);  // biased: sum (x - 5.5)^2 / 10
  EXPECT_DOUBLE_EQ(variance[1], 825.0);
  EXPECT_NEAR(invStd[0], 1.0 / std::sqrt(8.25 + kEpsilon), 1e-15);
  std::vector<double> runningMean = {0, 1}, runningVariance = {1, 2};
  batchNormUpdateRunning<double>(mean.data(), variance.data(), 0.99, 2, runningMean.data(),
                                 runningVariance.data());
  EXPECT_NEAR(runningMean[0], 0.01 * 5.5, 1e-15);
  EXPECT_NEAR(runningMean[1], 0.99 * 1 + 0.01 * 55, 1e-13);
  EXPECT_NEAR(runningVariance[0], 0.99 * 1 + 0.01 * 8.25, 1e-15);
  EXPECT_NEAR(runningVariance[1], 0.99 * 2 + 0.01 * 825, 1e-12);
}

TEST(BatchNorm, InferenceUsesRunningStatistics) {
  const std::vector<double> in = {1.5, -2.0};  // [1, 2]
  const std::vector<double> gamma = {2, 0.5}, beta = {0.25, -1};
  const std::vector<double> runningMean = {0.5, 1}, runningVariance = {4, 9};
  std::vector<double> out(2);
  batchNormEvalForward<double>(constViewOf(in.data(), 1, 2), gamma.data(), beta.data(), runningMean.data(),
                               runningVariance.data(), kEpsilon, viewOf(out.data(), 1, 2));
  EXPECT_NEAR(out[0], 2 * (1.5 - 0.5) / std::sqrt(4 + kEpsilon) + 0.25, 1e-15);
  EXPECT_NEAR(out[1], 0.5 * (-2.0 - 1) / std::sqrt(9 + kEpsilon) - 1, 1e-15);
}

}  // namespace
}  // namespace melodyvae::nn
