// Dense layer whose input is a SparseRows batch: same maths as dense.h, cost proportional to the non-zeros.
// No input gradient: it is only used on the network's inputs.
#pragma once

#include "core/nn/matrix_view.h"
#include "core/nn/sparse_rows.h"

namespace melodyvae::nn {

// in [batch, inFeatures] (sparse), weight [outFeatures, inFeatures], bias [outFeatures] -> out [batch,
// outFeatures]
template <typename Scalar>
void sparseDenseForward(const SparseRows& in, ConstMatrixView<Scalar> weight, const Scalar* bias,
                        MatrixView<Scalar> out);

// dWeight += dOut^T * in (only the columns of cells present in the batch change), dBias += sums of dOut
// (dBias may be null, as in dense.h); accumulate = false writes them instead (zeros, then the same sums).
template <typename Scalar>
void sparseDenseBackwardParams(ConstMatrixView<Scalar> dOut, const SparseRows& in, MatrixView<Scalar> dWeight,
                               Scalar* dBias, bool accumulate = true);

// out[r, c] = bias[c] + in.row(r) . weight.row(c) at each entry (r, c) of `at` (its values unused), 0 at
// every other entry: a dense layer's outputs where a masked loss reads them, and nowhere else.
// in [batch, inFeatures], weight [outFeatures, inFeatures], out [batch, outFeatures]; at: [batch,
// outFeatures].
template <typename Scalar>
void denseForwardAt(const SparseRows& at, ConstMatrixView<Scalar> in, ConstMatrixView<Scalar> weight,
                    const Scalar* bias, MatrixView<Scalar> out);

}  // namespace melodyvae::nn
