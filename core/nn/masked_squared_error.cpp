// Masked squared error, forward and backward.
#include "core/nn/masked_squared_error.h"

namespace melodyvae::nn {

template <typename Scalar>
double maskedSquaredErrorForward(ConstMatrixView<Scalar> prediction, const float* target, const float* mask) {
  double sum = 0;
  for (Eigen::Index r = 0; r < prediction.rows(); ++r) {
    const Scalar* y = prediction.data() + r * prediction.outerStride();
    const float* t = target + r * prediction.cols();
    const float* m = mask + r * prediction.cols();
    Scalar rowSum = 0;
    for (Eigen::Index c = 0; c < prediction.cols(); ++c) {
      const Scalar d = y[c] - static_cast<Scalar>(t[c]);
      rowSum += static_cast<Scalar>(m[c]) * d * d;
    }
    sum += static_cast<double>(rowSum);
  }
  return sum;
}

template <typename Scalar>
void maskedSquaredErrorBackward(ConstMatrixView<Scalar> prediction, const float* target, const float* mask,
                                Scalar scale, MatrixView<Scalar> dPrediction) {
  const Scalar twiceScale = 2 * scale;
  for (Eigen::Index r = 0; r < prediction.rows(); ++r) {
    const Scalar* y = prediction.data() + r * prediction.outerStride();
    const float* t = target + r * prediction.cols();
    const float* m = mask + r * prediction.cols();
    Scalar* dy = dPrediction.data() + r * dPrediction.outerStride();
    for (Eigen::Index c = 0; c < prediction.cols(); ++c) {
      dy[c] = twiceScale * static_cast<Scalar>(m[c]) * (y[c] - static_cast<Scalar>(t[c]));
    }
  }
}

template double maskedSquaredErrorForward<float>(ConstMatrixView<float>, const float*, const float*);
template double maskedSquaredErrorForward<double>(ConstMatrixView<double>, const float*, const float*);
template void maskedSquaredErrorBackward<float>(ConstMatrixView<float>, const float*, const float*, float,
                                                MatrixView<float>);
template void maskedSquaredErrorBackward<double>(ConstMatrixView<double>, const float*, const float*, double,
                                                 MatrixView<double>);

}  // namespace melodyvae::nn
