// The fused BatchNorm -> LeakyReLU -> Dropout passes against the separate layers they replace in training:
// equal bit for bit, forward and backward, in float and double, whole or split into feature ranges.
#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "core/nn/batch_norm.h"
#include "core/nn/dropout.h"
#include "core/nn/leaky_relu.h"
#include "core/nn/norm_leaky_dropout.h"
#include "tests/unit/nn/gradient_check.h"

namespace melodyvae::nn {
namespace {

constexpr int kBatch = 9;
constexpr int kFeatures = 37;  // not a multiple of the vector width
constexpr int kStride = 41;    // out and dOut are column blocks of a wider buffer

template <typename Scalar>
std::vector<Scalar> valuesOf(std::size_t count, std::uint64_t seed, double low = -1, double high = 1) {
  std::vector<Scalar> out;
  for (double v : testing::randomValues(count, seed, low, high)) out.push_back(static_cast<Scalar>(v));
  return out;
}

template <typename Scalar>
void expectFusedEqualsSeparate(std::vector<Eigen::Index> edges) {
  const auto cells = static_cast<std::size_t>(kBatch * kFeatures);
  const auto pre = valuesOf<Scalar>(cells, 1, -3, 3);  // [batch, features]
  const auto gamma = valuesOf<Scalar>(kFeatures, 2, 0.5, 1.5);
  const auto beta = valuesOf<Scalar>(kFeatures, 3);
  const auto dOut = valuesOf<Scalar>(static_cast<std::size_t>(kBatch * kStride), 4);  // [batch, stride]
  std::vector<float> keep(cells);
  for (std::size_t i = 0; i < cells; ++i) keep[i] = (i * 7) % 5 == 0 ? 0.0f : 1.0f;
  const Scalar epsilon = Scalar(1e-3), momentum = Scalar(0.99), slope = Scalar(0.3);
  const float rate = 0.2f;

  // Separate layers, as HiddenLayer ran them before the fusion.
  std::vector<Scalar> normalized(cells), normOutput(cells), mean(kFeatures), variance(kFeatures),
      invStd(kFeatures), out(static_cast<std::size_t>(kBatch * kStride), Scalar(7));
  std::vector<Scalar> runningMean(kFeatures, Scalar(0.1)), runningVariance(kFeatures, Scalar(0.9));
  batchNormTrainForward<Scalar>(constViewOf(pre.data(), kBatch, kFeatures), gamma.data(), beta.data(),
                                epsilon, viewOf(normalized.data(), kBatch, kFeatures), mean.data(),
                                variance.data(), invStd.data(), viewOf(normOutput.data(), kBatch, kFeatures));
  batchNormUpdateRunning<Scalar>(mean.data(), variance.data(), momentum, kFeatures, runningMean.data(),
                                 runningVariance.data());
  auto outView = viewOf(out.data(), kBatch, kFeatures, kStride);
  leakyReluForward<Scalar>(constViewOf(normOutput.data(), kBatch, kFeatures), slope, outView);
  dropoutForward<Scalar>(asConst(outView), keep.data(), rate, outView);
  std::vector<Scalar> dPre(cells), dGamma(kFeatures, Scalar(0.5)), dBeta(kFeatures, Scalar(-0.5)),
      scratch(2 * kFeatures);
  auto dPreView = viewOf(dPre.data(), kBatch, kFeatures);
  dropoutBackward<Scalar>(constViewOf(dOut.data(), kBatch, kFeatures, kStride), keep.data(), rate, dPreView);
  leakyReluBackward<Scalar>(asConst(dPreView), constViewOf(normOutput.data(), kBatch, kFeatures), slope,
                            dPreView);
  batchNormBackward<Scalar>(asConst(dPreView), constViewOf(normalized.data(), kBatch, kFeatures),
                            gamma.data(), invStd.data(), dPreView, dGamma.data(), dBeta.data(),
                            scratch.data());

  // Fused, over the given feature ranges.
  std::vector<Scalar> fNormalized(cells), fNormOutput(cells), fMean(kFeatures), fVariance(kFeatures),
      fInvStd(kFeatures), fOut(static_cast<std::size_t>(kBatch * kStride), Scalar(7));
  std::vector<Scalar> fRunningMean(kFeatures, Scalar(0.1)), fRunningVariance(kFeatures, Scalar(0.9));
  NormLeakyDropout<Scalar> layer;
  layer.gamma = gamma.data();
  layer.beta = beta.data();
  layer.epsilon = epsilon;
  layer.momentum = momentum;
  layer.slope = slope;
  layer.dropRate = rate;
  layer.normalized = fNormalized.data();
  layer.normOutput = fNormOutput.data();
  layer.keepMask = keep.data();
  layer.mean = fMean.data();
  layer.variance = fVariance.data();
  layer.invStd = fInvStd.data();
  std::vector<Scalar> fDPre(cells), fDGamma(kFeatures, Scalar(0.5)), fDBeta(kFeatures, Scalar(-0.5)),
      sumDy(kFeatures), sumDyXhat(kFeatures);
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    normLeakyDropoutForward<Scalar>(layer, constViewOf(pre.data(), kBatch, kFeatures), fRunningMean.data(),
                                    fRunningVariance.data(), viewOf(fOut.data(), kBatch, kFeatures, kStride),
                                    edges[i], edges[i + 1]);
  }
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    normLeakyDropoutBackward<Scalar>(layer, constViewOf(dOut.data(), kBatch, kFeatures, kStride),
                                     viewOf(fDPre.data(), kBatch, kFeatures), fDGamma.data(), fDBeta.data(),
                                     sumDy.data(), sumDyXhat.data(), edges[i], edges[i + 1]);
  }
  EXPECT_EQ(out, fOut) << "forward output (the columns past the block must stay untouched too)";
  EXPECT_EQ(normalized, fNormalized);
  EXPECT_EQ(normOutput, fNormOutput);
  EXPECT_EQ(invStd, fInvStd);
  EXPECT_EQ(runningMean, fRunningMean);
  EXPECT_EQ(runningVariance, fRunningVariance);
  EXPECT_EQ(dPre, fDPre);
  EXPECT_EQ(dGamma, fDGamma);
  EXPECT_EQ(dBeta, fDBeta);
}

TEST(NormLeakyDropout, EqualsTheSeparateLayersInFloat) {
  expectFusedEqualsSeparate<float>({0, kFeatures});
  expectFusedEqualsSeparate<float>({0, 16, 32, kFeatures});
}

TEST(NormLeakyDropout, EqualsTheSeparateLayersInDouble) {
  expectFusedEqualsSeparate<double>({0, kFeatures});
  expectFusedEqualsSeparate<double>({0, 5, 6, 30, kFeatures});
}

}  // namespace
}  // namespace melodyvae::nn
