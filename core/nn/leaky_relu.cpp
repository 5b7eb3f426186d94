// Leaky ReLU forward and backward, branch-free (core/nn/leaky_factor.h) so the loops vectorize.
#include "core/nn/leaky_relu.h"

#include <bit>

#include "core/nn/leaky_factor.h"

namespace melodyvae::nn {

namespace {

// Restrict-qualified rows, and an in-place form (eval mode runs in place), so compilers vectorize both.
template <typename Scalar>
void forwardRow(const Scalar* __restrict x, Scalar* __restrict y, Eigen::Index n, BitsOf<Scalar> one,
                BitsOf<Scalar> slope) {
  for (Eigen::Index f = 0; f < n; ++f) y[f] = x[f] * leakyFactor(x[f], one, slope);
}
template <typename Scalar>
void forwardRowInPlace(Scalar* __restrict y, Eigen::Index n, BitsOf<Scalar> one, BitsOf<Scalar> slope) {
  for (Eigen::Index f = 0; f < n; ++f) y[f] = y[f] * leakyFactor(y[f], one, slope);
}
template <typename Scalar>
void backwardRow(const Scalar* __restrict x, const Scalar* __restrict dy, Scalar* __restrict dx,
                 Eigen::Index n, BitsOf<Scalar> one, BitsOf<Scalar> slope) {
  for (Eigen::Index f = 0; f < n; ++f) dx[f] = dy[f] * leakyFactor(x[f], one, slope);
}
template <typename Scalar>
void backwardRowInPlace(const Scalar* __restrict x, Scalar* __restrict d, Eigen::Index n, BitsOf<Scalar> one,
                        BitsOf<Scalar> slope) {
  for (Eigen::Index f = 0; f < n; ++f) d[f] = d[f] * leakyFactor(x[f], one, slope);
}

}  // namespace

template <typename Scalar>
void leakyReluForward(ConstMatrixView<Scalar> in, Scalar slope, MatrixView<Scalar> out) {
  const auto one = std::bit_cast<BitsOf<Scalar>>(Scalar(1));
  const auto slopeBits = std::bit_cast<BitsOf<Scalar>>(slope);
  for (Eigen::Index r = 0; r < in.rows(); ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    Scalar* y = out.data() + r * out.outerStride();
    if (x == y) {
      forwardRowInPlace(y, in.cols(), one, slopeBits);
    } else {
      forwardRow(x, y, in.cols(), one, slopeBits);
    }
  }
}

template <typename Scalar>
void leakyReluBackward(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> in, Scalar slope,
                       MatrixView<Scalar> dIn) {
  const auto one = std::bit_cast<BitsOf<Scalar>>(Scalar(1));
  const auto slopeBits = std::bit_cast<BitsOf<Scalar>>(slope);
  for (Eigen::Index r = 0; r < in.rows(); ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    const Scalar* dy = dOut.data() + r * dOut.outerStride();
    Scalar* dx = dIn.data() + r * dIn.outerStride();
    if (dy == dx) {
      backwardRowInPlace(x, dx, in.cols(), one, slopeBits);
    } else {
      backwardRow(x, dy, dx, in.cols(), one, slopeBits);
    }
  }
}

template void leakyReluForward<float>(ConstMatrixView<float>, float, MatrixView<float>);
template void leakyReluForward<double>(ConstMatrixView<double>, double, MatrixView<double>);
template void leakyReluBackward<float>(ConstMatrixView<float>, ConstMatrixView<float>, float,
                                       MatrixView<float>);
template void leakyReluBackward<double>(ConstMatrixView<double>, ConstMatrixView<double>, double,
                                        MatrixView<double>);

}  // namespace melodyvae::nn
