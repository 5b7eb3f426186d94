// Sparse-input dense layer. Loops run output feature by output feature so each weight row ([inFeatures],
// contiguous in PyTorch's [out, in] layout) stays in L1 while every sample gathers from it.
#include "core/nn/sparse_dense.h"

namespace melodyvae::nn {

template <typename Scalar>
void sparseDenseForward(const SparseRows& in, ConstMatrixView<Scalar> weight, const Scalar* bias,
                        MatrixView<Scalar> out) {
  const int* columns = in.column.data();
  const float* values = in.value.data();
  for (Eigen::Index o = 0; o < weight.rows(); ++o) {
    const Scalar* w = weight.data() + o * weight.outerStride();
    for (int r = 0; r < in.rows; ++r) {
      Scalar sum = bias[o];
      for (int k = in.rowStart[static_cast<std::size_t>(r)]; k < in.rowStart[static_cast<std::size_t>(r) + 1];
           ++k) {
        sum += w[columns[k]] * static_cast<Scalar>(values[k]);
      }
      out(r, o) = sum;
    }
  }
}

template <typename Scalar>
void sparseDenseBackwardParams(ConstMatrixView<Scalar> dOut, const SparseRows& in, MatrixView<Scalar> dWeight,
                               Scalar* dBias) {
  const int* columns = in.column.data();
  const float* values = in.value.data();
  for (Eigen::Index o = 0; o < dWeight.rows(); ++o) {
    Scalar* dw = dWeight.data() + o * dWeight.outerStride();
    Scalar biasSum = 0;
    for (int r = 0; r < in.rows; ++r) {
      const Scalar g = dOut(r, o);
      biasSum += g;
      for (int k = in.rowStart[static_cast<std::size_t>(r)]; k < in.rowStart[static_cast<std::size_t>(r) + 1];
           ++k) {
        dw[columns[k]] += g * static_cast<Scalar>(values[k]);
      }
    }
    if (dBias != nullptr) dBias[o] += biasSum;
  }
}

template void sparseDenseForward<float>(const SparseRows&, ConstMatrixView<float>, const float*,
                                        MatrixView<float>);
template void sparseDenseForward<double>(const SparseRows&, ConstMatrixView<double>, const double*,
                                         MatrixView<double>);
template void sparseDenseBackwardParams<float>(ConstMatrixView<float>, const SparseRows&, MatrixView<float>,
                                               float*);
template void sparseDenseBackwardParams<double>(ConstMatrixView<double>, const SparseRows&,
                                                MatrixView<double>, double*);

}  // namespace melodyvae::nn
