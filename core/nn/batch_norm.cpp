// Batch norm forward and backward; loops run rows outer, features inner so they vectorize on row-major data.
#include "core/nn/batch_norm.h"

#include <algorithm>
#include <cmath>

namespace melodyvae::nn {

template <typename Scalar>
void batchNormTrainForward(ConstMatrixView<Scalar> in, const Scalar* gamma, const Scalar* beta,
                           Scalar epsilon, MatrixView<Scalar> normalized, Scalar* mean, Scalar* variance,
                           Scalar* invStd, MatrixView<Scalar> out) {
  const Eigen::Index batch = in.rows();
  const Eigen::Index features = in.cols();
  const Scalar inverseBatch = Scalar(1) / static_cast<Scalar>(batch);
  for (Eigen::Index f = 0; f < features; ++f) mean[f] = 0;
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    for (Eigen::Index f = 0; f < features; ++f) mean[f] += x[f];
  }
  for (Eigen::Index f = 0; f < features; ++f) {
    mean[f] *= inverseBatch;
    variance[f] = 0;
  }
  // Two passes (mean, then squared deviations) rather than E[x^2] - E[x]^2, which cancels badly.
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    for (Eigen::Index f = 0; f < features; ++f) {
      const Scalar d = x[f] - mean[f];
      variance[f] += d * d;
    }
  }
  for (Eigen::Index f = 0; f < features; ++f) {
    variance[f] *= inverseBatch;
    invStd[f] = Scalar(1) / std::sqrt(variance[f] + epsilon);
  }
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Scalar* x = in.data() + r * in.outerStride();
    Scalar* n = normalized.data() + r * normalized.outerStride();
    Scalar* y = out.data() + r * out.outerStride();
    for (Eigen::Index f = 0; f < features; ++f) {
      const Scalar xhat = (x[f] - mean[f]) * invStd[f];
      n[f] = xhat;
      y[f] = gamma[f] * xhat + beta[f];
    }
  }
}

template <typename Scalar>
void batchNormUpdateRunning(const Scalar* batchMean, const Scalar* batchVariance, Scalar momentum,
                            int features, Scalar* runningMean, Scalar* runningVariance) {
  const Scalar rest = Scalar(1) - momentum;
  for (int f = 0; f < features; ++f) {
    runningMean[f] = momentum * runningMean[f] + rest * batchMean[f];
    runningVariance[f] = momentum * runningVariance[f] + rest * batchVariance[f];
  }
}

template <typename Scalar>
void batchNormEvalForward(ConstMatrixView<Scalar> in, const Scalar* gamma, const Scalar* beta,
                          const Scalar* runningMean, const Scalar* runningVariance, Scalar epsilon,
                          MatrixView<Scalar> out) {
  // gamma / sqrt(variance + epsilon) once per feature (a block of features at a time, on the stack), not
  // once per value: the square root and division dominated large evaluation batches.
  constexpr Eigen::Index kBlock = 256;
  Scalar scale[kBlock];
  for (Eigen::Index first = 0; first < in.cols(); first += kBlock) {
    const Eigen::Index n = std::min(kBlock, in.cols() - first);
    for (Eigen::Index f = 0; f < n; ++f) {
      scale[f] = gamma[first + f] / std::sqrt(runningVariance[first + f] + epsilon);
    }
    const Scalar* mean = runningMean + first;
    const Scalar* shift = beta + first;
    for (Eigen::Index r = 0; r < in.rows(); ++r) {
      const Scalar* x = in.data() + r * in.outerStride() + first;
      Scalar* y = out.data() + r * out.outerStride() + first;
      for (Eigen::Index f = 0; f < n; ++f) y[f] = (x[f] - mean[f]) * scale[f] + shift[f];
    }
  }
}

template <typename Scalar>
void batchNormBackward(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> normalized, const Scalar* gamma,
                       const Scalar* invStd, MatrixView<Scalar> dIn, Scalar* dGamma, Scalar* dBeta,
                       Scalar* scratch) {
  const Eigen::Index batch = dOut.rows();
  const Eigen::Index features = dOut.cols();
  // Per feature: sumDy = sum_b dy and sumDyXhat = sum_b dy * xhat (also this batch's dBeta and dGamma);
  // dx = gamma * invStd * (dy - (sumDy + xhat * sumDyXhat) / B)  (derivation: docs/batch-norm-backward.md).
  Scalar* sumDy = scratch;
  Scalar* sumDyXhat = scratch + features;
  for (Eigen::Index f = 0; f < features; ++f) {
    sumDy[f] = 0;
    sumDyXhat[f] = 0;
  }
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Scalar* dy = dOut.data() + r * dOut.outerStride();
    const Scalar* xhat = normalized.data() + r * normalized.outerStride();
    for (Eigen::Index f = 0; f < features; ++f) {
      sumDy[f] += dy[f];
      sumDyXhat[f] += dy[f] * xhat[f];
    }
  }
  const Scalar inverseBatch = Scalar(1) / static_cast<Scalar>(batch);
  for (Eigen::Index f = 0; f < features; ++f) {
    dBeta[f] += sumDy[f];
    dGamma[f] += sumDyXhat[f];
    sumDy[f] *= inverseBatch;
    sumDyXhat[f] *= inverseBatch;
  }
  for (Eigen::Index r = 0; r < batch; ++r) {
    const Scalar* dy = dOut.data() + r * dOut.outerStride();
    const Scalar* xhat = normalized.data() + r * normalized.outerStride();
    Scalar* dx = dIn.data() + r * dIn.outerStride();
    for (Eigen::Index f = 0; f < features; ++f) {
      dx[f] = gamma[f] * invStd[f] * (dy[f] - sumDy[f] - xhat[f] * sumDyXhat[f]);
    }
  }
}

#define MELODYVAE_INSTANTIATE(Scalar)                                                                        \
  template void batchNormTrainForward<Scalar>(ConstMatrixView<Scalar>, const Scalar*, const Scalar*, Scalar, \
                                              MatrixView<Scalar>, Scalar*, Scalar*, Scalar*,                 \
                                              MatrixView<Scalar>);                                           \
  template void batchNormUpdateRunning<Scalar>(const Scalar*, const Scalar*, Scalar, int, Scalar*, Scalar*); \
  template void batchNormEvalForward<Scalar>(ConstMatrixView<Scalar>, const Scalar*, const Scalar*,          \
                                             const Scalar*, const Scalar*, Scalar, MatrixView<Scalar>);      \
  template void batchNormBackward<Scalar>(ConstMatrixView<Scalar>, ConstMatrixView<Scalar>, const Scalar*,   \
                                          const Scalar*, MatrixView<Scalar>, Scalar*, Scalar*, Scalar*);
MELODYVAE_INSTANTIATE(float)
MELODYVAE_INSTANTIATE(double)
#undef MELODYVAE_INSTANTIATE

}  // namespace melodyvae::nn
