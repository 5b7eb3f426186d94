// Reparameterization forward and backward.
#include "core/nn/reparameterize.h"

#include <cmath>

namespace melodyvae::nn {

template <typename Scalar>
void reparameterizeForward(ConstMatrixView<Scalar> mean, ConstMatrixView<Scalar> logVariance,
                           const float* eps, MatrixView<Scalar> z) {
  for (Eigen::Index r = 0; r < mean.rows(); ++r) {
    for (Eigen::Index c = 0; c < mean.cols(); ++c) {
      const Scalar e = static_cast<Scalar>(eps[r * mean.cols() + c]);
      z(r, c) = mean(r, c) + std::exp(logVariance(r, c) * Scalar(0.5)) * e;
    }
  }
}

template <typename Scalar>
void reparameterizeBackward(ConstMatrixView<Scalar> dZ, ConstMatrixView<Scalar> logVariance, const float* eps,
                            MatrixView<Scalar> dMean, MatrixView<Scalar> dLogVariance) {
  for (Eigen::Index r = 0; r < dZ.rows(); ++r) {
    for (Eigen::Index c = 0; c < dZ.cols(); ++c) {
      const Scalar e = static_cast<Scalar>(eps[r * dZ.cols() + c]);
      dMean(r, c) += dZ(r, c);
      dLogVariance(r, c) += dZ(r, c) * e * Scalar(0.5) * std::exp(logVariance(r, c) * Scalar(0.5));
    }
  }
}

template void reparameterizeForward<float>(ConstMatrixView<float>, ConstMatrixView<float>, const float*,
                                           MatrixView<float>);
template void reparameterizeForward<double>(ConstMatrixView<double>, ConstMatrixView<double>, const float*,
                                            MatrixView<double>);
template void reparameterizeBackward<float>(ConstMatrixView<float>, ConstMatrixView<float>, const float*,
                                            MatrixView<float>, MatrixView<float>);
template void reparameterizeBackward<double>(ConstMatrixView<double>, ConstMatrixView<double>, const float*,
                                             MatrixView<double>, MatrixView<double>);

}  // namespace melodyvae::nn
