// KL term forward and backward.
#include "core/nn/kl_divergence.h"

#include <cmath>

namespace melodyvae::nn {

template <typename Scalar>
double klDivergenceForward(ConstMatrixView<Scalar> mean, ConstMatrixView<Scalar> logVariance) {
  double sum = 0;
  for (Eigen::Index r = 0; r < mean.rows(); ++r) {
    for (Eigen::Index c = 0; c < mean.cols(); ++c) {
      const Scalar m = mean(r, c);
      const Scalar lv = logVariance(r, c);
      sum += static_cast<double>(Scalar(-0.5) * (Scalar(1) + lv - m * m - std::exp(lv)));
    }
  }
  return sum;
}

template <typename Scalar>
void klDivergenceBackward(ConstMatrixView<Scalar> mean, ConstMatrixView<Scalar> logVariance, Scalar scale,
                          MatrixView<Scalar> dMean, MatrixView<Scalar> dLogVariance) {
  for (Eigen::Index r = 0; r < mean.rows(); ++r) {
    for (Eigen::Index c = 0; c < mean.cols(); ++c) {
      dMean(r, c) += scale * mean(r, c);
      dLogVariance(r, c) += scale * Scalar(0.5) * (std::exp(logVariance(r, c)) - Scalar(1));
    }
  }
}

template double klDivergenceForward<float>(ConstMatrixView<float>, ConstMatrixView<float>);
template double klDivergenceForward<double>(ConstMatrixView<double>, ConstMatrixView<double>);
template void klDivergenceBackward<float>(ConstMatrixView<float>, ConstMatrixView<float>, float,
                                          MatrixView<float>, MatrixView<float>);
template void klDivergenceBackward<double>(ConstMatrixView<double>, ConstMatrixView<double>, double,
                                           MatrixView<double>, MatrixView<double>);

}  // namespace melodyvae::nn
