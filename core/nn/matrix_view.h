// Eigen views over the raw float/double blocks the layers work on: row-major [rows, cols] with a row
// stride, so a column block of a wider buffer (one plane inside the encoder's concatenation) is a view too.
#pragma once

#include <Eigen/Core>

namespace melodyvae::nn {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename Scalar>
using MatrixView = Eigen::Map<Matrix<Scalar>, Eigen::Unaligned, Eigen::OuterStride<>>;
template <typename Scalar>
using ConstMatrixView = Eigen::Map<const Matrix<Scalar>, Eigen::Unaligned, Eigen::OuterStride<>>;
template <typename Scalar>
using VectorView = Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>;
template <typename Scalar>
using ConstVectorView = Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>;

// A [rows, cols] view whose rows start `stride` values apart (stride = cols for a dense buffer).
template <typename Scalar>
MatrixView<Scalar> viewOf(Scalar* data, Eigen::Index rows, Eigen::Index cols, Eigen::Index stride = -1) {
  return MatrixView<Scalar>(data, rows, cols, Eigen::OuterStride<>(stride < 0 ? cols : stride));
}
template <typename Scalar>
ConstMatrixView<Scalar> constViewOf(const Scalar* data, Eigen::Index rows, Eigen::Index cols,
                                    Eigen::Index stride = -1) {
  return ConstMatrixView<Scalar>(data, rows, cols, Eigen::OuterStride<>(stride < 0 ? cols : stride));
}
template <typename Scalar>
ConstMatrixView<Scalar> asConst(const MatrixView<Scalar>& view) {
  return ConstMatrixView<Scalar>(view.data(), view.rows(), view.cols(),
                                 Eigen::OuterStride<>(view.outerStride()));
}

}  // namespace melodyvae::nn
