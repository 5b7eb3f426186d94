// Sigmoid and tanh heads, forward and backward.
#include "core/nn/output_heads.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "core/nn/input_major_dense.h"
#include "core/nn/kernel_choice.h"

namespace melodyvae::nn {

template <typename Scalar>
Scalar sigmoid(Scalar x) {
  if (x >= 0) return Scalar(1) / (Scalar(1) + std::exp(-x));
  const Scalar e = std::exp(x);
  return e / (Scalar(1) + e);
}

template <typename Scalar>
void headForward(HeadActivation activation, ConstMatrixView<Scalar> logits, MatrixView<Scalar> out) {
  for (Eigen::Index r = 0; r < logits.rows(); ++r) {
    const Scalar* x = logits.data() + r * logits.outerStride();
    Scalar* y = out.data() + r * out.outerStride();
    if constexpr (std::is_same_v<Scalar, float>) {
      // float: the vectorizable heads of the real-time path (within 6e-8 of libm, no libm calls).
      const auto count = static_cast<int>(logits.cols());
      if (y != x) std::copy_n(x, count, y);
      if (activation == HeadActivation::kSigmoid) {
        sigmoidInPlace(y, count, productKernel());
      } else {
        tanhInPlace(y, count, productKernel());
      }
    } else if (activation == HeadActivation::kSigmoid) {
      for (Eigen::Index c = 0; c < logits.cols(); ++c) y[c] = sigmoid(x[c]);
    } else {
      for (Eigen::Index c = 0; c < logits.cols(); ++c) y[c] = std::tanh(x[c]);
    }
  }
}

template <typename Scalar>
void headBackward(HeadActivation activation, ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> out,
                  MatrixView<Scalar> dLogits) {
  for (Eigen::Index r = 0; r < out.rows(); ++r) {
    const Scalar* dy = dOut.data() + r * dOut.outerStride();
    const Scalar* y = out.data() + r * out.outerStride();
    Scalar* dx = dLogits.data() + r * dLogits.outerStride();
    if (activation == HeadActivation::kSigmoid) {
      for (Eigen::Index c = 0; c < out.cols(); ++c) dx[c] = dy[c] * y[c] * (Scalar(1) - y[c]);
    } else {
      for (Eigen::Index c = 0; c < out.cols(); ++c) dx[c] = dy[c] * (Scalar(1) - y[c] * y[c]);
    }
  }
}

template float sigmoid<float>(float);
template double sigmoid<double>(double);
template void headForward<float>(HeadActivation, ConstMatrixView<float>, MatrixView<float>);
template void headForward<double>(HeadActivation, ConstMatrixView<double>, MatrixView<double>);
template void headBackward<float>(HeadActivation, ConstMatrixView<float>, ConstMatrixView<float>,
                                  MatrixView<float>);
template void headBackward<double>(HeadActivation, ConstMatrixView<double>, ConstMatrixView<double>,
                                   MatrixView<double>);

}  // namespace melodyvae::nn
