// Inverted dropout (training only): y = x * keep / (1 - rate), keep in {0, 1} drawn by a NoiseSource.
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// in, out [batch, features]; keepMask [batch, features] dense, 0 or 1. out may alias in.
template <typename Scalar>
void dropoutForward(ConstMatrixView<Scalar> in, const float* keepMask, float rate, MatrixView<Scalar> out);

// dIn = dOut * keep / (1 - rate); dIn may alias dOut.
template <typename Scalar>
void dropoutBackward(ConstMatrixView<Scalar> dOut, const float* keepMask, float rate, MatrixView<Scalar> dIn);

}  // namespace melodyvae::nn
