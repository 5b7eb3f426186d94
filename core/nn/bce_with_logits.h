// Binary cross-entropy computed from logits (the onset loss), stable for logits of any size:
// loss = max(x, 0) - x * t + log(1 + exp(-|x|)).
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// Sum of the loss over every entry. logits [batch, cells]; target [batch, cells] dense, values in [0, 1].
template <typename Scalar>
double bceWithLogitsForward(ConstMatrixView<Scalar> logits, const float* target);

// dLogits = scale * (sigmoid(x) - t), overwritten; scale carries the loss weight and 1 / batch.
template <typename Scalar>
void bceWithLogitsBackward(ConstMatrixView<Scalar> logits, const float* target, Scalar scale,
                           MatrixView<Scalar> dLogits);

}  // namespace melodyvae::nn
