// BatchNorm -> LeakyReLU -> Dropout, forward in both modes and backward.
#include "core/vae/hidden_layer.h"

#include <cstddef>
#include <span>

#include "core/nn/batch_norm.h"
#include "core/nn/dropout.h"
#include "core/nn/leaky_relu.h"

namespace melodyvae::vae {

using nn::asConst;
using nn::viewOf;

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
void HiddenLayer<Scalar>::activateTrain(int batch, const ModelShape& shape, const Scalar* parameters,
                                        Scalar* batchNormState, NoiseSource& noise,
                                        nn::MatrixView<Scalar> out) {
  const int n = features();
  auto pre = viewOf(preActivation_.data(), batch, n);
  auto normalized = viewOf(normalized_.data(), batch, n);
  auto normOutput = viewOf(normOutput_.data(), batch, n);
  nn::batchNormTrainForward<Scalar>(asConst(pre), parameters + offsets_.gamma, parameters + offsets_.beta,
                                    static_cast<Scalar>(shape.batchNormEpsilon), normalized,
                                    batchMean_.data(), batchVariance_.data(), invStd_.data(), normOutput);
  nn::batchNormUpdateRunning<Scalar>(
      batchMean_.data(), batchVariance_.data(), static_cast<Scalar>(shape.batchNormMomentum), n,
      batchNormState + offsets_.runningMean, batchNormState + offsets_.runningVariance);
  nn::leakyReluForward<Scalar>(asConst(normOutput), static_cast<Scalar>(shape.leakySlope), out);
  noise.keepMask(
      std::span<float>(keepMask_.data(), static_cast<std::size_t>(batch) * static_cast<std::size_t>(n)),
      shape.dropout);
  nn::dropoutForward<Scalar>(asConst(out), keepMask_.data(), shape.dropout, out);
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
  nn::dropoutBackward<Scalar>(dOut, keepMask_.data(), shape.dropout, grad);
  nn::leakyReluBackward<Scalar>(asConst(grad), nn::constViewOf(normOutput_.data(), batch, n),
                                static_cast<Scalar>(shape.leakySlope), grad);
  nn::batchNormBackward<Scalar>(asConst(grad), nn::constViewOf(normalized_.data(), batch, n),
                                parameters + offsets_.gamma, invStd_.data(), grad, gradients + offsets_.gamma,
                                gradients + offsets_.beta, scratch_.data());
  return grad;
}

template class HiddenLayer<float>;
template class HiddenLayer<double>;

}  // namespace melodyvae::vae
