// Squared error counted only where a mask is 1: the velocity, duration and timing-offset losses, masked to
// the cells where the target has an onset (docs/design.md, "Model").
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// Sum over entries of mask * (prediction - target)^2. prediction [batch, cells]; target, mask dense
// [batch, cells].
template <typename Scalar>
double maskedSquaredErrorForward(ConstMatrixView<Scalar> prediction, const float* target, const float* mask);

// dPrediction = scale * 2 * mask * (prediction - target), overwritten.
template <typename Scalar>
void maskedSquaredErrorBackward(ConstMatrixView<Scalar> prediction, const float* target, const float* mask,
                                Scalar scale, MatrixView<Scalar> dPrediction);

}  // namespace melodyvae::nn
