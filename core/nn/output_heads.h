// The decoder's output activations: sigmoid (onset, velocity, duration) and tanh (timing offset).
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

enum class HeadActivation { kSigmoid, kTanh };

// out = activation(logits); [batch, cells]; out may alias logits. In float this uses the vectorizable
// sigmoidInPlace / tanhInPlace (input_major_dense.h, within 6e-8 of `sigmoid` below and std::tanh); in
// double the exact library functions (gradient checks).
template <typename Scalar>
void headForward(HeadActivation activation, ConstMatrixView<Scalar> logits, MatrixView<Scalar> out);

// dLogits = dOut * activation'(logits), written from the forward's output y: sigmoid' = y (1 - y),
// tanh' = 1 - y^2. dLogits may alias dOut.
template <typename Scalar>
void headBackward(HeadActivation activation, ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> out,
                  MatrixView<Scalar> dLogits);

// The numerically safe sigmoid used everywhere (exp of a non-positive number only).
template <typename Scalar>
Scalar sigmoid(Scalar x);

}  // namespace melodyvae::nn
