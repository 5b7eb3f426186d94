// Fused BatchNorm -> LeakyReLU -> Dropout over a feature range. The expressions are those of batch_norm.cpp,
// leaky_relu.cpp and dropout.cpp, written branch-free (leaky_factor.h) over restrict pointers so the
// compiler vectorizes them.
#include "core/nn/norm_leaky_dropout.h"

#include <bit>
#include <cmath>

#include "core/nn/leaky_factor.h"

namespace melodyvae::nn {

namespace {

// The per-row loops, with restrict-qualified parameters (which compilers honour more reliably than
// restrict locals).
template <typename Scalar>
inline void addRow(const Scalar* __restrict x, Eigen::Index n, Scalar* __restrict sum) {
  for (Eigen::Index f = 0; f < n; ++f) sum[f] += x[f];
}

template <typename Scalar>
inline void addSquaredDeviations(const Scalar* __restrict x, const Scalar* __restrict mean, Eigen::Index n,
                                 Scalar* __restrict sum) {
  for (Eigen::Index f = 0; f < n; ++f) {
    const Scalar d = x[f] - mean[f];
    sum[f] += d * d;
  }
}

template <typename Scalar>
inline void forwardRow(const Scalar* __restrict x, const Scalar* __restrict mean,
                       const Scalar* __restrict invStd, const Scalar* __restrict gamma,
                       const Scalar* __restrict beta, const float* __restrict keep, BitsOf<Scalar> one,
                       BitsOf<Scalar> slope, Scalar scale, Eigen::Index n, Scalar* __restrict normalized,
                       Scalar* __restrict normOutput, Scalar* __restrict y) {
  for (Eigen::Index f = 0; f < n; ++f) {
    const Scalar xhat = (x[f] - mean[f]) * invStd[f];
    normalized[f] = xhat;
    const Scalar v = gamma[f] * xhat + beta[f];
    normOutput[f] = v;
    const Scalar leaky = v * leakyFactor(v, one, slope);
    y[f] = leaky * (static_cast<Scalar>(keep[f]) * scale);
  }
}

template <typename Scalar>
inline void backwardRow(const Scalar* __restrict g, const float* __restrict keep,
                        const Scalar* __restrict normOutput, const Scalar* __restrict xhat,
                        BitsOf<Scalar> one, BitsOf<Scalar> slope, Scalar scale, Eigen::Index n,
                        Scalar* __restrict dy, Scalar* __restrict sumDy, Scalar* __restrict sumDyXhat) {
  for (Eigen::Index f = 0; f < n; ++f) {
    const Scalar dropped = g[f] * (static_cast<Scalar>(keep[f]) * scale);
    const Scalar d = dropped * leakyFactor(normOutput[f], one, slope);
    dy[f] = d;
    sumDy[f] += d;
    sumDyXhat[f] += d * xhat[f];
  }
}

template <typename Scalar>
inline void inputGradientRow(const Scalar* __restrict gamma, const Scalar* __restrict invStd,
                             const Scalar* __restrict sumDy, const Scalar* __restrict sumDyXhat,
                             const Scalar* __restrict xhat, Eigen::Index n, Scalar* __restrict dx) {
  for (Eigen::Index f = 0; f < n; ++f) {
    dx[f] = gamma[f] * invStd[f] * (dx[f] - sumDy[f] - xhat[f] * sumDyXhat[f]);
  }
}

}  // namespace

template <typename Scalar>
void normLeakyDropoutForward(const NormLeakyDropout<Scalar>& layer, ConstMatrixView<Scalar> pre,
                             Scalar* runningMean, Scalar* runningVariance, MatrixView<Scalar> out,
                             Eigen::Index begin, Eigen::Index end) {
  const Eigen::Index batch = pre.rows();
  const Eigen::Index features = pre.cols();
  const Eigen::Index n = end - begin;
  if (n <= 0) return;
  const Scalar inverseBatch = Scalar(1) / static_cast<Scalar>(batch);
  Scalar* mean = layer.mean + begin;
  Scalar* variance = layer.variance + begin;
  Scalar* invStd = layer.invStd + begin;
  for (Eigen::Index f = 0; f < n; ++f) mean[f] = 0;
  for (Eigen::Index r = 0; r < batch; ++r) addRow(pre.data() + r * pre.outerStride() + begin, n, mean);
  for (Eigen::Index f = 0; f < n; ++f) {
    mean[f] *= inverseBatch;
    variance[f] = 0;
  }
  // Two passes (mean, then squared deviations) rather than E[x^2] - E[x]^2, which cancels badly.
  for (Eigen::Index r = 0; r < batch; ++r) {
    addSquaredDeviations(pre.data() + r * pre.outerStride() + begin, mean, n, variance);
  }
  const Scalar rest = Scalar(1) - layer.momentum;
  for (Eigen::Index f = 0; f < n; ++f) {
    variance[f] *= inverseBatch;
    invStd[f] = Scalar(1) / std::sqrt(variance[f] + layer.epsilon);
    runningMean[begin + f] = layer.momentum * runningMean[begin + f] + rest * mean[f];
    runningVariance[begin + f] = layer.momentum * runningVariance[begin + f] + rest * variance[f];
  }
  const Scalar* gamma = layer.gamma + begin;
  const Scalar* beta = layer.beta + begin;
  const BitsOf<Scalar> one = std::bit_cast<BitsOf<Scalar>>(Scalar(1));
  const BitsOf<Scalar> slope = std::bit_cast<BitsOf<Scalar>>(layer.slope);
  const Scalar scale = Scalar(1) / (Scalar(1) - static_cast<Scalar>(layer.dropRate));
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Eigen::Index row = r * features + begin;
    const Scalar* x = pre.data() + r * pre.outerStride() + begin;
    Scalar* normalized = layer.normalized + row;
    Scalar* normOutput = layer.normOutput + row;
    const float* keep = layer.keepMask + row;
    Scalar* y = out.data() + r * out.outerStride() + begin;
    forwardRow(x, mean, invStd, gamma, beta, keep, one, slope, scale, n, normalized, normOutput, y);
  }
}

template <typename Scalar>
void normLeakyDropoutBackward(const NormLeakyDropout<Scalar>& layer, ConstMatrixView<Scalar> dOut,
                              MatrixView<Scalar> dPre, Scalar* dGamma, Scalar* dBeta, Scalar* sumDyOut,
                              Scalar* sumDyXhatOut, Eigen::Index begin, Eigen::Index end) {
  const Eigen::Index batch = dOut.rows();
  const Eigen::Index features = dOut.cols();
  const Eigen::Index n = end - begin;
  if (n <= 0) return;
  const BitsOf<Scalar> one = std::bit_cast<BitsOf<Scalar>>(Scalar(1));
  const BitsOf<Scalar> slope = std::bit_cast<BitsOf<Scalar>>(layer.slope);
  const Scalar scale = Scalar(1) / (Scalar(1) - static_cast<Scalar>(layer.dropRate));
  Scalar* sumDy = sumDyOut + begin;
  Scalar* sumDyXhat = sumDyXhatOut + begin;
  for (Eigen::Index f = 0; f < n; ++f) {
    sumDy[f] = 0;
    sumDyXhat[f] = 0;
  }
  // Dropout and leaky ReLU backward into dPre, and the batch norm's two sums over the batch (see
  // batch_norm.cpp: dx = gamma * invStd * (dy - (sumDy + xhat * sumDyXhat) / B)).
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Eigen::Index row = r * features + begin;
    const Scalar* g = dOut.data() + r * dOut.outerStride() + begin;
    const float* keep = layer.keepMask + row;
    const Scalar* normOutput = layer.normOutput + row;
    const Scalar* xhat = layer.normalized + row;
    Scalar* dy = dPre.data() + r * dPre.outerStride() + begin;
    backwardRow(g, keep, normOutput, xhat, one, slope, scale, n, dy, sumDy, sumDyXhat);
  }
  const Scalar inverseBatch = Scalar(1) / static_cast<Scalar>(batch);
  for (Eigen::Index f = 0; f < n; ++f) {
    dBeta[begin + f] += sumDy[f];
    dGamma[begin + f] += sumDyXhat[f];
    sumDy[f] *= inverseBatch;
    sumDyXhat[f] *= inverseBatch;
  }
  const Scalar* gamma = layer.gamma + begin;
  const Scalar* invStd = layer.invStd + begin;
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Scalar* xhat = layer.normalized + r * features + begin;
    Scalar* dx = dPre.data() + r * dPre.outerStride() + begin;
    inputGradientRow(gamma, invStd, sumDy, sumDyXhat, xhat, n, dx);
  }
}

#define MELODYVAE_INSTANTIATE(Scalar)                                                                      \
  template void normLeakyDropoutForward<Scalar>(const NormLeakyDropout<Scalar>&, ConstMatrixView<Scalar>,  \
                                                Scalar*, Scalar*, MatrixView<Scalar>, Eigen::Index,        \
                                                Eigen::Index);                                             \
  template void normLeakyDropoutBackward<Scalar>(const NormLeakyDropout<Scalar>&, ConstMatrixView<Scalar>, \
                                                 MatrixView<Scalar>, Scalar*, Scalar*, Scalar*, Scalar*,   \
                                                 Eigen::Index, Eigen::Index);
MELODYVAE_INSTANTIATE(float)
MELODYVAE_INSTANTIATE(double)
#undef MELODYVAE_INSTANTIATE

}  // namespace melodyvae::nn
