// Batch normalization over the batch axis of [batch, features], Keras semantics
// (docs/batch-norm-backward.md): training normalizes with the batch mean and biased variance; the running
// averages take the same biased variance, running = momentum * running + (1 - momentum) * batch; inference
// uses the running averages.
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// Training forward. Keeps what backward needs: normalized [batch, features], mean, variance (biased) and
// invStd = 1 / sqrt(variance + epsilon), each [features]. out may alias in.
template <typename Scalar>
void batchNormTrainForward(ConstMatrixView<Scalar> in, const Scalar* gamma, const Scalar* beta,
                           Scalar epsilon, MatrixView<Scalar> normalized, Scalar* mean, Scalar* variance,
                           Scalar* invStd, MatrixView<Scalar> out);

// running = momentum * running + (1 - momentum) * batch, for the mean and the (biased) variance. [features]
template <typename Scalar>
void batchNormUpdateRunning(const Scalar* batchMean, const Scalar* batchVariance, Scalar momentum,
                            int features, Scalar* runningMean, Scalar* runningVariance);

// Inference forward with running statistics. out may alias in.
template <typename Scalar>
void batchNormEvalForward(ConstMatrixView<Scalar> in, const Scalar* gamma, const Scalar* beta,
                          const Scalar* runningMean, const Scalar* runningVariance, Scalar epsilon,
                          MatrixView<Scalar> out);

// Training backward: dIn from dOut (dIn may alias dOut); adds dGamma and dBeta [features].
// scratch: [2 * features], overwritten.
template <typename Scalar>
void batchNormBackward(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> normalized, const Scalar* gamma,
                       const Scalar* invStd, MatrixView<Scalar> dIn, Scalar* dGamma, Scalar* dBeta,
                       Scalar* scratch);

}  // namespace melodyvae::nn
