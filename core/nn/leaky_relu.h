// Leaky ReLU: y = x for x > 0, slope * x otherwise (slope 0.3 in the model, Keras' default).
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// in, out [batch, features]; out may alias in.
template <typename Scalar>
void leakyReluForward(ConstMatrixView<Scalar> in, Scalar slope, MatrixView<Scalar> out);

// dIn = dOut * (in > 0 ? 1 : slope), from the forward's input; dIn may alias dOut.
template <typename Scalar>
void leakyReluBackward(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> in, Scalar slope,
                       MatrixView<Scalar> dIn);

}  // namespace melodyvae::nn
