// BatchNorm -> LeakyReLU -> Dropout, forward in both modes and backward; training passes are fused
// (core/nn/norm_leaky_dropout.h) and split by features over the worker pool.
#include "core/vae/hidden_layer.h"

#include <cstddef>
#include <span>

#include "core/nn/batch_norm.h"
#include "core/nn/leaky_relu.h"
#include "core/nn/worker_pool.h"

namespace melodyvae::vae {

using nn::asConst;
using nn::viewOf;

namespace {

constexpr int kParts = 4;                        // fixed feature ranges (features are independent here)
constexpr Eigen::Index kParallelValues = 16384;  // batch x features below which one thread is faster

// Runs body(begin, end) over [0, features) in kParts ranges of whole multiples of 16 features, on the
// worker pool when the layer is large enough.
template <typename Body>
void forFeatureRanges(int batch, int features, Body&& body) {
  nn::forRanges(features, kParts, 16, static_cast<Eigen::Index>(batch) * features >= kParallelValues, body);
}

}  // namespace

template <typename Scalar>
void HiddenLayer<Scalar>::reserve(int maxBatch) {
  if (maxBatch <= capacity_) return;
  capacity_ = maxBatch;
  const auto n = static_cast<std::size_t>(features());
  const auto cells = static_cast<std::size_t>(maxBatch) * n;
  preActivation_.resize(cells);
  normalized_.resize(cells);
  normOutput_.resize(cells);
  keepMask_.resize(cells);
  batchMean_.resize(n);
  batchVariance_.resize(n);
  invStd_.resize(n);
  scratch_.resize(2 * n);
}

template <typename Scalar>
nn::MatrixView<Scalar> HiddenLayer<Scalar>::preActivation(int batch) {
  reserve(batch);
  return viewOf(preActivation_.data(), batch, features());
}

template <typename Scalar>
nn::NormLeakyDropout<Scalar> HiddenLayer<Scalar>::fused(const ModelShape& shape, const Scalar* parameters) {
  nn::NormLeakyDropout<Scalar> layer;
  layer.gamma = parameters + offsets_.gamma;
  layer.beta = parameters + offsets_.beta;
  layer.epsilon = static_cast<Scalar>(shape.batchNormEpsilon);
  layer.momentum = static_cast<Scalar>(shape.batchNormMomentum);
  layer.slope = static_cast<Scalar>(shape.leakySlope);
  layer.dropRate = shape.dropout;
  layer.normalized = normalized_.data();
  layer.normOutput = normOutput_.data();
  layer.keepMask = keepMask_.data();
  layer.mean = batchMean_.data();
  layer.variance = batchVariance_.data();
  layer.invStd = invStd_.data();
  return layer;
}

template <typename Scalar>
void HiddenLayer<Scalar>::activateTrain(int batch, const ModelShape& shape, const Scalar* parameters,
                                        Scalar* batchNormState, NoiseSource& noise,
                                        nn::MatrixView<Scalar> out) {
  const int n = features();
  noise.keepMask(
      std::span<float>(keepMask_.data(), static_cast<std::size_t>(batch) * static_cast<std::size_t>(n)),
      shape.dropout);
  const nn::NormLeakyDropout<Scalar> layer = fused(shape, parameters);
  auto pre = nn::constViewOf(preActivation_.data(), batch, n);
  forFeatureRanges(batch, n, [&](Eigen::Index begin, Eigen::Index end) {
    nn::normLeakyDropoutForward<Scalar>(layer, pre, batchNormState + offsets_.runningMean,
                                        batchNormState + offsets_.runningVariance, out, begin, end);
  });
}

template <typename Scalar>
void HiddenLayer<Scalar>::activateEval(int batch, const ModelShape& shape, const Scalar* parameters,
                                       const Scalar* batchNormState, nn::MatrixView<Scalar> out) {
  auto pre = viewOf(preActivation_.data(), batch, features());
  nn::batchNormEvalForward<Scalar>(asConst(pre), parameters + offsets_.gamma, parameters + offsets_.beta,
                                   batchNormState + offsets_.runningMean,
                                   batchNormState + offsets_.runningVariance,
                                   static_cast<Scalar>(shape.batchNormEpsilon), out);
  nn::leakyReluForward<Scalar>(asConst(out), static_cast<Scalar>(shape.leakySlope), out);
}

template <typename Scalar>
nn::MatrixView<Scalar> HiddenLayer<Scalar>::backward(int batch, const ModelShape& shape,
                                                     nn::ConstMatrixView<Scalar> dOut,
                                                     const Scalar* parameters, Scalar* gradients) {
  const int n = features();
  auto grad = viewOf(preActivation_.data(), batch, n);  // the dense output is no longer needed
  const nn::NormLeakyDropout<Scalar> layer = fused(shape, parameters);
  forFeatureRanges(batch, n, [&](Eigen::Index begin, Eigen::Index end) {
    nn::normLeakyDropoutBackward<Scalar>(layer, dOut, grad, gradients + offsets_.gamma,
                                         gradients + offsets_.beta, scratch_.data(), scratch_.data() + n,
                                         begin, end);
  });
  return grad;
}

template class HiddenLayer<float>;
template class HiddenLayer<double>;

}  // namespace melodyvae::vae
