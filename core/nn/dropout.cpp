// Dropout forward and backward (the same scaling both ways).
#include "core/nn/dropout.h"

namespace melodyvae::nn {

namespace {

template <typename Scalar>
void applyMask(ConstMatrixView<Scalar> in, const float* keepMask, float rate, MatrixView<Scalar> out) {
  const Scalar scale = Scalar(1) / (Scalar(1) - static_cast<Scalar>(rate));
  for (Eigen::Index r = 0; r < in.rows(); ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    const float* keep = keepMask + r * in.cols();
    Scalar* y = out.data() + r * out.outerStride();
    for (Eigen::Index f = 0; f < in.cols(); ++f) y[f] = x[f] * (static_cast<Scalar>(keep[f]) * scale);
  }
}

}  // namespace

template <typename Scalar>
void dropoutForward(ConstMatrixView<Scalar> in, const float* keepMask, float rate, MatrixView<Scalar> out) {
  applyMask(in, keepMask, rate, out);
}

template <typename Scalar>
void dropoutBackward(ConstMatrixView<Scalar> dOut, const float* keepMask, float rate,
                     MatrixView<Scalar> dIn) {
  applyMask(dOut, keepMask, rate, dIn);
}

template void dropoutForward<float>(ConstMatrixView<float>, const float*, float, MatrixView<float>);
template void dropoutForward<double>(ConstMatrixView<double>, const float*, float, MatrixView<double>);
template void dropoutBackward<float>(ConstMatrixView<float>, const float*, float, MatrixView<float>);
template void dropoutBackward<double>(ConstMatrixView<double>, const float*, float, MatrixView<double>);

}  // namespace melodyvae::nn
