// Fully connected layer, PyTorch layout: out = in * weight^T + bias, weight [out, in].
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// in [batch, inFeatures], weight [outFeatures, inFeatures], bias [outFeatures] -> out [batch, outFeatures]
template <typename Scalar>
void denseForward(ConstMatrixView<Scalar> in, ConstMatrixView<Scalar> weight, const Scalar* bias,
                  MatrixView<Scalar> out);

// Adds this batch's parameter gradients: dWeight += dOut^T * in, dBias += column sums of dOut; or, with
// accumulate = false, writes them (the same values as adding to zeros, without a separate pass of zeros).
// dOut [batch, outFeatures], in [batch, inFeatures], dWeight [outFeatures, inFeatures], dBias [outFeatures]
// or null when the bias gradient is known to be zero (a dense layer feeding training-mode batch norm).
template <typename Scalar>
void denseBackwardParams(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> in, MatrixView<Scalar> dWeight,
                         Scalar* dBias, bool accumulate = true);

// The input gradient dOut * weight, written into dIn (accumulate = false) or added to it (a layer whose
// output feeds several layers). dIn [batch, inFeatures]
template <typename Scalar>
void denseBackwardInput(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> weight, MatrixView<Scalar> dIn,
                        bool accumulate);

}  // namespace melodyvae::nn
