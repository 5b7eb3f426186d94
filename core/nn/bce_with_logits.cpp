// Binary cross-entropy from logits, forward and backward.
#include "core/nn/bce_with_logits.h"

#include <cmath>

#include "core/nn/output_heads.h"

namespace melodyvae::nn {

template <typename Scalar>
double bceWithLogitsForward(ConstMatrixView<Scalar> logits, const float* target) {
  double sum = 0;
  for (Eigen::Index r = 0; r < logits.rows(); ++r) {
    const Scalar* x = logits.data() + r * logits.outerStride();
    const float* t = target + r * logits.cols();
    Scalar rowSum = 0;
    for (Eigen::Index c = 0; c < logits.cols(); ++c) {
      const Scalar v = x[c];
      rowSum += (v > 0 ? v : Scalar(0)) - v * static_cast<Scalar>(t[c]) + std::log1p(std::exp(-std::abs(v)));
    }
    sum += static_cast<double>(rowSum);
  }
  return sum;
}

template <typename Scalar>
void bceWithLogitsBackward(ConstMatrixView<Scalar> logits, const float* target, Scalar scale,
                           MatrixView<Scalar> dLogits) {
  for (Eigen::Index r = 0; r < logits.rows(); ++r) {
    const Scalar* x = logits.data() + r * logits.outerStride();
    const float* t = target + r * logits.cols();
    Scalar* dx = dLogits.data() + r * dLogits.outerStride();
    for (Eigen::Index c = 0; c < logits.cols(); ++c)
      dx[c] = scale * (sigmoid(x[c]) - static_cast<Scalar>(t[c]));
  }
}

template double bceWithLogitsForward<float>(ConstMatrixView<float>, const float*);
template double bceWithLogitsForward<double>(ConstMatrixView<double>, const float*);
template void bceWithLogitsBackward<float>(ConstMatrixView<float>, const float*, float, MatrixView<float>);
template void bceWithLogitsBackward<double>(ConstMatrixView<double>, const float*, double,
                                            MatrixView<double>);

}  // namespace melodyvae::nn
