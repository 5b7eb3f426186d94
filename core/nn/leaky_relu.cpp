// Leaky ReLU forward and backward.
#include "core/nn/leaky_relu.h"

namespace melodyvae::nn {

template <typename Scalar>
void leakyReluForward(ConstMatrixView<Scalar> in, Scalar slope, MatrixView<Scalar> out) {
  for (Eigen::Index r = 0; r < in.rows(); ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    Scalar* y = out.data() + r * out.outerStride();
    for (Eigen::Index f = 0; f < in.cols(); ++f) y[f] = x[f] > 0 ? x[f] : slope * x[f];
  }
}

template <typename Scalar>
void leakyReluBackward(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> in, Scalar slope,
                       MatrixView<Scalar> dIn) {
  for (Eigen::Index r = 0; r < in.rows(); ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    const Scalar* dy = dOut.data() + r * dOut.outerStride();
    Scalar* dx = dIn.data() + r * dIn.outerStride();
    for (Eigen::Index f = 0; f < in.cols(); ++f) dx[f] = x[f] > 0 ? dy[f] : slope * dy[f];
  }
}

template void leakyReluForward<float>(ConstMatrixView<float>, float, MatrixView<float>);
template void leakyReluForward<double>(ConstMatrixView<double>, double, MatrixView<double>);
template void leakyReluBackward<float>(ConstMatrixView<float>, ConstMatrixView<float>, float,
                                       MatrixView<float>);
template void leakyReluBackward<double>(ConstMatrixView<double>, ConstMatrixView<double>, double,
                                        MatrixView<double>);

}  // namespace melodyvae::nn
