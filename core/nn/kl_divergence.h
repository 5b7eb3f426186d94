// KL divergence of N(mean, exp(logvar)) from N(0, 1): -0.5 * sum(1 + logvar - mean^2 - exp(logvar)).
// Derivation of the gradient: docs/kl-term.md.
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

// Sum over the batch and the latent axis. mean, logVariance [batch, latent]
template <typename Scalar>
double klDivergenceForward(ConstMatrixView<Scalar> mean, ConstMatrixView<Scalar> logVariance);

// dMean += scale * mean; dLogVariance += scale * 0.5 * (exp(logvar) - 1). [batch, latent]
template <typename Scalar>
void klDivergenceBackward(ConstMatrixView<Scalar> mean, ConstMatrixView<Scalar> logVariance, Scalar scale,
                          MatrixView<Scalar> dMean, MatrixView<Scalar> dLogVariance);

}  // namespace melodyvae::nn
