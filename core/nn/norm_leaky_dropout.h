// The hidden layer's BatchNorm -> LeakyReLU -> Dropout in training mode, fused: one pass for the batch
// statistics and one that writes every output, and backward the same way, over a range of features so the
// worker pool can split a layer. Each operation rounds as in batch_norm / leaky_relu / dropout (same
// expressions, same order of the sums over the batch), so results equal theirs bit for bit.
#pragma once

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

template <typename Scalar>
struct NormLeakyDropout {
  // Settings and parameters.
  const Scalar* gamma = nullptr;  // [features]
  const Scalar* beta = nullptr;   // [features]
  Scalar epsilon = 0;
  Scalar momentum = 0;  // running = momentum * running + (1 - momentum) * batch
  Scalar slope = 0;     // leaky ReLU
  float dropRate = 0;
  // What forward keeps for backward; all [batch, features] dense unless said otherwise.
  Scalar* normalized = nullptr;  // xhat
  Scalar* normOutput = nullptr;  // gamma * xhat + beta, the leaky ReLU input
  const float* keepMask = nullptr;
  Scalar* mean = nullptr;      // [features]
  Scalar* variance = nullptr;  // [features], biased
  Scalar* invStd = nullptr;    // [features]
};

// Forward over features [begin, end): statistics of pre [batch, features], running averages
// ([features] each, updated), and out [batch, features] (row stride out.outerStride(); may not alias pre).
template <typename Scalar>
void normLeakyDropoutForward(const NormLeakyDropout<Scalar>& layer, ConstMatrixView<Scalar> pre,
                             Scalar* runningMean, Scalar* runningVariance, MatrixView<Scalar> out,
                             Eigen::Index begin, Eigen::Index end);

// Backward over features [begin, end): dPre [batch, features] from dOut [batch, features] (strided),
// adding dGamma and dBeta [features]. sumDy, sumDyXhat: [features] scratch. dPre may alias neither.
template <typename Scalar>
void normLeakyDropoutBackward(const NormLeakyDropout<Scalar>& layer, ConstMatrixView<Scalar> dOut,
                              MatrixView<Scalar> dPre, Scalar* dGamma, Scalar* dBeta, Scalar* sumDy,
                              Scalar* sumDyXhat, Eigen::Index begin, Eigen::Index end);

}  // namespace melodyvae::nn
