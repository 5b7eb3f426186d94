// The reparameterization trick: z = mean + exp(logvar / 2) * eps, eps ~ N(0, 1) given by the caller.
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// mean, logVariance, z [batch, latent]; eps [batch, latent] dense.
template <typename Scalar>
void reparameterizeForward(ConstMatrixView<Scalar> mean, ConstMatrixView<Scalar> logVariance,
                           const float* eps, MatrixView<Scalar> z);

// dMean += dZ; dLogVariance += dZ * eps * 0.5 * exp(logvar / 2).
template <typename Scalar>
void reparameterizeBackward(ConstMatrixView<Scalar> dZ, ConstMatrixView<Scalar> logVariance, const float* eps,
                            MatrixView<Scalar> dMean, MatrixView<Scalar> dLogVariance);

}  // namespace melodyvae::nn
