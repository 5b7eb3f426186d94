// Forward (training and inference) and backward of the whole VAE. Shapes: B = batch, C = cells,
// H = planeHidden, M = mergeHidden, L = latent, D = decoderHidden, K = branchHidden.
#include "core/vae/network.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "core/nn/bce_with_logits.h"
#include "core/nn/dense.h"
#include "core/nn/kl_divergence.h"
#include "core/nn/masked_squared_error.h"
#include "core/nn/output_heads.h"
#include "core/nn/reparameterize.h"
#include "core/nn/sparse_dense.h"
#include "core/nn/worker_pool.h"
#include "core/vae/initialization.h"

namespace melodyvae::vae {

using nn::asConst;
using nn::constViewOf;
using nn::viewOf;

namespace {

constexpr int kOnset = 0;

nn::HeadActivation headOf(int plane) {
  return plane == 3 ? nn::HeadActivation::kTanh : nn::HeadActivation::kSigmoid;
}

template <typename T>
void growTo(std::vector<T>& buffer, int rows, int cols) {
  const auto size = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  if (buffer.size() < size) buffer.resize(size);
}

// The share of non-zero entries in an output layer's gradient up to which its backward pass runs over the
// non-zeros only (core/nn/sparse_gradient.h). The masked planes sit near 3%: one onset per ~32 cells.
constexpr double kSparseGradientDensity = 0.125;

// The loss and its gradient at the logits run as kRowBlocks row blocks of each of the 4 planes (the onset
// plane, with its exp and log per cell, costs more than the others); fixed, so nothing depends on the
// thread count. Each row's loss is kept apart and the rows are summed in order afterwards, as one pass
// over the batch would.
constexpr int kRowBlocks = 4;
constexpr int kParallelRows = 8;  // batches below this many rows run on the caller

template <typename Task>
void forPlaneRowBlocks(int batch, Task&& task) {
  const int block = (batch + kRowBlocks - 1) / kRowBlocks;
  auto part = [&](int index) {
    const int first = std::min(batch, block * (index % kRowBlocks));
    task(static_cast<std::size_t>(index / kRowBlocks), first, std::min(batch, first + block));
  };
  if (batch < kParallelRows) {
    for (int index = 0; index < 4 * kRowBlocks; ++index) part(index);
    return;
  }
  nn::WorkerPool::shared().run(4 * kRowBlocks, part);
}

// Zeroes the gradients that backward adds into rather than writes: each hidden layer's batch-norm gamma and
// beta, and the bias of its dense product (which stays 0, see backward). Every weight and the other biases
// are written whole by their products (accumulate = false), so the 25 MB block needs no pass of zeros.
template <typename Scalar>
void zeroAddedGradients(const HiddenLayerOffsets& layer, Scalar* gradients) {
  const auto n = static_cast<std::size_t>(layer.dense.outFeatures);
  for (const std::size_t offset : {layer.dense.bias, layer.gamma, layer.beta}) {
    std::fill(gradients + offset, gradients + offset + n, Scalar(0));
  }
}

}  // namespace

template <typename Scalar>
Network<Scalar>::Network(const ModelShape& shape, std::uint64_t initSeed)
    : shape_(shape), layout_(buildTensorLayout(shape)) {
  std::vector<float> parameters(layout_.parameterCount);
  std::vector<float> state(layout_.batchNormCount);
  initializeParameters(layout_, initSeed, parameters, state);
  parameters_.assign(parameters.begin(), parameters.end());
  batchNormState_.assign(state.begin(), state.end());
  gradients_.assign(layout_.parameterCount, Scalar(0));
  for (std::size_t p = 0; p < 4; ++p) {
    encoderPlanes_[p] = HiddenLayer<Scalar>(layout_.encoderPlanes[p]);
    branches_[p] = HiddenLayer<Scalar>(layout_.branches[p]);
  }
  merge_ = HiddenLayer<Scalar>(layout_.merge);
  decoderInput_ = HiddenLayer<Scalar>(layout_.decoderInput);
}

template <typename Scalar>
void Network<Scalar>::reserve(int maxBatch) {
  if (maxBatch <= capacity_) return;
  capacity_ = maxBatch;
  const ModelShape& s = shape_;
  for (std::size_t p = 0; p < 4; ++p) {
    inputs_[p].reserve(maxBatch, s.cells);
    encoderPlanes_[p].reserve(maxBatch);
    branches_[p].reserve(maxBatch);
    growTo(branchOut_[p], maxBatch, s.branchHidden);
    growTo(logits_[p], maxBatch, s.cells);
    growTo(outputs_[p], maxBatch, s.cells);
    growTo(dLogits_[p], maxBatch, s.cells);
  }
  growTo(rowLoss_, 4, maxBatch);
  merge_.reserve(maxBatch);
  decoderInput_.reserve(maxBatch);
  growTo(concat_, maxBatch, 4 * s.planeHidden);
  growTo(dConcat_, maxBatch, 4 * s.planeHidden);
  growTo(encoded_, maxBatch, s.mergeHidden);
  growTo(dEncoded_, maxBatch, s.mergeHidden);
  for (auto* buffer : {&mean_, &logVariance_, &z_, &dMean_, &dLogVariance_, &dZ_}) {
    growTo(*buffer, maxBatch, s.latent);
  }
  growTo(eps_, maxBatch, s.latent);
  growTo(hidden_, maxBatch, s.decoderHidden);
  growTo(dHidden_, maxBatch, s.decoderHidden);
  growTo(dBranchOut_, maxBatch, s.branchHidden);
  sparseDLogits_.reserve(maxBatch, s.cells, kSparseGradientDensity);
}

template <typename Scalar>
void Network<Scalar>::checkBatch(const PlaneBatch& batch, const char* caller) const {
  if (batch.size < 1) {
    throw std::invalid_argument(std::string(caller) + ": batch.size must be at least 1, got " +
                                std::to_string(batch.size));
  }
  for (std::size_t p = 0; p < 4; ++p) {
    if (batch.planes[p] == nullptr) {
      throw std::invalid_argument(std::string(caller) + ": batch.planes[" + std::to_string(p) + "] is null");
    }
  }
}

template <typename Scalar>
void Network<Scalar>::encode(const PlaneBatch& batch, Mode mode, NoiseSource* noise) {
  const ModelShape& s = shape_;
  const int b = batch.size;
  reserve(b);
  batch_ = b;
  const Scalar* params = parameters_.data();
  const int h = s.planeHidden;
  // The four planes' compressed rows, one plane per part (a scan of every cell: ~0.2 ms at batch 64).
  auto compress = [&](int p) {
    inputs_[static_cast<std::size_t>(p)].assign(batch.planes[static_cast<std::size_t>(p)], b, s.cells);
  };
  if (b >= kParallelRows) {
    nn::WorkerPool::shared().run(4, compress);
  } else {
    for (int p = 0; p < 4; ++p) compress(p);
  }
  for (std::size_t p = 0; p < 4; ++p) {
    // Per plane: Dense(C -> H) on the sparse input, then norm / leaky / dropout into concat[:, pH:(p+1)H].
    HiddenLayer<Scalar>& layer = encoderPlanes_[p];
    const DenseOffsets& dense = layer.offsets().dense;
    nn::sparseDenseForward<Scalar>(inputs_[p], constViewOf(params + dense.weight, h, s.cells),
                                   params + dense.bias, layer.preActivation(b));
    auto out = viewOf(concat_.data() + static_cast<std::ptrdiff_t>(p) * h, b, h, 4 * h);  // [B, H] block
    if (mode == Mode::kTrain) {
      layer.activateTrain(b, s, params, batchNormState_.data(), *noise, out);
    } else {
      layer.activateEval(b, s, params, batchNormState_.data(), out);
    }
  }
  // Merge: Dense(4H -> M), norm / leaky / dropout.
  const DenseOffsets& mergeDense = merge_.offsets().dense;
  nn::denseForward<Scalar>(constViewOf(concat_.data(), b, 4 * h),
                           constViewOf(params + mergeDense.weight, s.mergeHidden, 4 * h),
                           params + mergeDense.bias, merge_.preActivation(b));
  auto encoded = viewOf(encoded_.data(), b, s.mergeHidden);
  if (mode == Mode::kTrain) {
    merge_.activateTrain(b, s, params, batchNormState_.data(), *noise, encoded);
  } else {
    merge_.activateEval(b, s, params, batchNormState_.data(), encoded);
  }
  // Heads: Dense(M -> L) twice.
  nn::denseForward<Scalar>(asConst(encoded),
                           constViewOf(params + layout_.mean.weight, s.latent, s.mergeHidden),
                           params + layout_.mean.bias, viewOf(mean_.data(), b, s.latent));
  nn::denseForward<Scalar>(asConst(encoded),
                           constViewOf(params + layout_.logVariance.weight, s.latent, s.mergeHidden),
                           params + layout_.logVariance.bias, viewOf(logVariance_.data(), b, s.latent));
  auto z = viewOf(z_.data(), b, s.latent);
  if (mode == Mode::kTrain) {
    const auto count = static_cast<std::size_t>(b) * static_cast<std::size_t>(s.latent);
    noise->normal(std::span<float>(eps_.data(), count));
    nn::reparameterizeForward<Scalar>(constViewOf(mean_.data(), b, s.latent),
                                      constViewOf(logVariance_.data(), b, s.latent), eps_.data(), z);
  } else {
    std::copy_n(mean_.data(), static_cast<std::size_t>(b) * static_cast<std::size_t>(s.latent), z_.data());
  }
}

template <typename Scalar>
void Network<Scalar>::decodeFromLatent(Mode mode, NoiseSource* noise) {
  const ModelShape& s = shape_;
  const int b = batch_;
  const Scalar* params = parameters_.data();
  // Decoder input: Dense(L -> D), norm / leaky / dropout.
  const DenseOffsets& inputDense = decoderInput_.offsets().dense;
  nn::denseForward<Scalar>(constViewOf(z_.data(), b, s.latent),
                           constViewOf(params + inputDense.weight, s.decoderHidden, s.latent),
                           params + inputDense.bias, decoderInput_.preActivation(b));
  auto hidden = viewOf(hidden_.data(), b, s.decoderHidden);
  if (mode == Mode::kTrain) {
    decoderInput_.activateTrain(b, s, params, batchNormState_.data(), *noise, hidden);
  } else {
    decoderInput_.activateEval(b, s, params, batchNormState_.data(), hidden);
  }
  for (std::size_t p = 0; p < 4; ++p) {
    // Branch: Dense(D -> K), norm / leaky / dropout, Dense(K -> C), sigmoid or tanh.
    HiddenLayer<Scalar>& layer = branches_[p];
    const DenseOffsets& dense = layer.offsets().dense;
    nn::denseForward<Scalar>(asConst(hidden),
                             constViewOf(params + dense.weight, s.branchHidden, s.decoderHidden),
                             params + dense.bias, layer.preActivation(b));
    auto branchOut = viewOf(branchOut_[p].data(), b, s.branchHidden);
    if (mode == Mode::kTrain) {
      layer.activateTrain(b, s, params, batchNormState_.data(), *noise, branchOut);
    } else {
      layer.activateEval(b, s, params, batchNormState_.data(), branchOut);
    }
    const DenseOffsets& out = layout_.outputs[p];
    auto logits = viewOf(logits_[p].data(), b, s.cells);
    auto outWeight = constViewOf(params + out.weight, s.cells, s.branchHidden);
    if (mode == Mode::kTrain && p != kOnset && maskedPlanes_ == MaskedPlanes::kOnsetCells) {
      // The velocity, duration and offset losses read only the cells that hold an onset (~3%): in training
      // their logits are computed there alone, and are 0 elsewhere. inputs_[kOnset] lists those cells.
      nn::denseForwardAt<Scalar>(inputs_[kOnset], asConst(branchOut), outWeight, params + out.bias, logits);
    } else {
      nn::denseForward<Scalar>(asConst(branchOut), outWeight, params + out.bias, logits);
    }
    nn::headForward<Scalar>(headOf(static_cast<int>(p)), asConst(logits),
                            viewOf(outputs_[p].data(), b, s.cells));
  }
}

template <typename Scalar>
LossParts Network<Scalar>::loss(const PlaneBatch& batch, float klWeight, bool withGradients) {
  const ModelShape& s = shape_;
  const int b = batch_;
  const double perSample = 1.0 / static_cast<double>(b);
  const float* onsetTarget = batch.planes[kOnset];
  const std::array<float, 4> weights = {s.onsetWeight, s.velocityWeight, s.durationWeight, s.offsetWeight};
  const Scalar perSampleScalar = Scalar(1) / static_cast<Scalar>(b);
  const auto cells = static_cast<std::ptrdiff_t>(s.cells);
  // Rows [first, end) of plane p: each row's loss into rowLoss_[p * b + row] and, when asked, the loss
  // gradient at the logits into dLogits_[p] (scaled by the plane's weight / batch).
  forPlaneRowBlocks(b, [&](std::size_t p, int first, int end) {
    const Scalar scale = static_cast<Scalar>(weights[p]) * perSampleScalar;
    for (int row = first; row < end; ++row) {
      const std::ptrdiff_t at = row * cells;
      auto logits = constViewOf(logits_[p].data() + at, 1, s.cells);
      auto output = constViewOf(outputs_[p].data() + at, 1, s.cells);
      const float* onset = onsetTarget + at;
      double& rowLoss = rowLoss_[p * static_cast<std::size_t>(b) + static_cast<std::size_t>(row)];
      if (p == kOnset) {
        rowLoss = nn::bceWithLogitsForward<Scalar>(logits, onset);
      } else {
        rowLoss = nn::maskedSquaredErrorForward<Scalar>(output, batch.planes[p] + at, onset);
      }
      if (!withGradients) continue;
      auto dLogits = viewOf(dLogits_[p].data() + at, 1, s.cells);
      if (p == kOnset) {
        nn::bceWithLogitsBackward<Scalar>(logits, onset, scale, dLogits);
      } else {
        // The gradient at the output first, turned into the one at the logits in place (element-wise).
        nn::maskedSquaredErrorBackward<Scalar>(output, batch.planes[p] + at, onset, scale, dLogits);
        nn::headBackward<Scalar>(headOf(static_cast<int>(p)), asConst(dLogits), output, dLogits);
      }
    }
  });
  std::array<double, 4> sums{};
  for (std::size_t p = 0; p < 4; ++p) {
    for (int row = 0; row < b; ++row)
      sums[p] += rowLoss_[p * static_cast<std::size_t>(b) + static_cast<std::size_t>(row)];
  }
  LossParts parts;
  parts.onset = static_cast<double>(s.onsetWeight) * perSample * sums[0];
  parts.velocity = static_cast<double>(weights[1]) * perSample * sums[1];
  parts.duration = static_cast<double>(weights[2]) * perSample * sums[2];
  parts.offset = static_cast<double>(weights[3]) * perSample * sums[3];
  parts.kl = perSample * nn::klDivergenceForward<Scalar>(constViewOf(mean_.data(), b, s.latent),
                                                         constViewOf(logVariance_.data(), b, s.latent));
  parts.total =
      parts.onset + parts.velocity + parts.duration + parts.offset + static_cast<double>(klWeight) * parts.kl;
  return parts;
}

template <typename Scalar>
void Network<Scalar>::backward(float klWeight) {
  const ModelShape& s = shape_;
  const int b = batch_;
  const Scalar perSample = Scalar(1) / static_cast<Scalar>(b);
  const Scalar* params = parameters_.data();
  Scalar* grads = gradients_.data();
  // Dense layers that feed batch norm get no bias gradient: batch norm subtracts the batch mean, so their
  // bias cannot change the training loss and its exact gradient is 0 (docs/batch-norm-backward.md). It stays
  // 0 here rather than rounding noise, which Adam would turn into steps of +-learning rate.
  for (std::size_t p = 0; p < 4; ++p) {
    zeroAddedGradients(layout_.encoderPlanes[p], grads);
    zeroAddedGradients(layout_.branches[p], grads);
  }
  zeroAddedGradients(layout_.merge, grads);
  zeroAddedGradients(layout_.decoderInput, grads);
  auto hidden = constViewOf(hidden_.data(), b, s.decoderHidden);
  auto dHidden = viewOf(dHidden_.data(), b, s.decoderHidden);

  for (std::size_t p = 0; p < 4; ++p) {
    auto dLogits = viewOf(dLogits_[p].data(), b, s.cells);  // from loss(..., true)
    const DenseOffsets& out = layout_.outputs[p];
    auto branchOut = constViewOf(branchOut_[p].data(), b, s.branchHidden);
    auto dOutWeight = viewOf(grads + out.weight, s.cells, s.branchHidden);
    auto outWeight = constViewOf(params + out.weight, s.cells, s.branchHidden);
    auto dBranchOut = viewOf(dBranchOut_.data(), b, s.branchHidden);
    // The onset plane's gradient (binary cross-entropy at every cell) is dense: not even tried.
    if (p != kOnset && maskedPlanes_ == MaskedPlanes::kOnsetCells &&
        sparseDLogits_.assign(asConst(dLogits), kSparseGradientDensity)) {
      sparseDLogits_.backwardParams(branchOut, dOutWeight, grads + out.bias);
      sparseDLogits_.backwardInput(outWeight, dBranchOut, false);
    } else {
      nn::denseBackwardParams<Scalar>(asConst(dLogits), branchOut, dOutWeight, grads + out.bias, false);
      nn::denseBackwardInput<Scalar>(asConst(dLogits), outWeight, dBranchOut, false);
    }
    HiddenLayer<Scalar>& layer = branches_[p];
    auto dPre = layer.backward(b, s, asConst(dBranchOut), params, grads);
    const DenseOffsets& dense = layer.offsets().dense;
    nn::denseBackwardParams<Scalar>(
        asConst(dPre), hidden, viewOf(grads + dense.weight, s.branchHidden, s.decoderHidden), nullptr, false);
    nn::denseBackwardInput<Scalar>(
        asConst(dPre), constViewOf(params + dense.weight, s.branchHidden, s.decoderHidden), dHidden, p != 0);
    updateDense(layout_.outputs[p]);
    updateLayer(layer.offsets());
  }

  // Decoder input layer back to z.
  auto dPreInput = decoderInput_.backward(b, s, asConst(dHidden), params, grads);
  const DenseOffsets& inputDense = decoderInput_.offsets().dense;
  nn::denseBackwardParams<Scalar>(asConst(dPreInput), constViewOf(z_.data(), b, s.latent),
                                  viewOf(grads + inputDense.weight, s.decoderHidden, s.latent), nullptr,
                                  false);
  auto dZ = viewOf(dZ_.data(), b, s.latent);
  nn::denseBackwardInput<Scalar>(
      asConst(dPreInput), constViewOf(params + inputDense.weight, s.decoderHidden, s.latent), dZ, false);
  updateLayer(decoderInput_.offsets());

  // Reparameterization and KL into the mean and log-variance heads.
  auto mean = constViewOf(mean_.data(), b, s.latent);
  auto logVariance = constViewOf(logVariance_.data(), b, s.latent);
  auto dMean = viewOf(dMean_.data(), b, s.latent);
  auto dLogVariance = viewOf(dLogVariance_.data(), b, s.latent);
  dMean.setZero();
  dLogVariance.setZero();
  nn::reparameterizeBackward<Scalar>(asConst(dZ), logVariance, eps_.data(), dMean, dLogVariance);
  nn::klDivergenceBackward<Scalar>(mean, logVariance, static_cast<Scalar>(klWeight) * perSample, dMean,
                                   dLogVariance);

  auto encoded = constViewOf(encoded_.data(), b, s.mergeHidden);
  auto dEncoded = viewOf(dEncoded_.data(), b, s.mergeHidden);
  nn::denseBackwardParams<Scalar>(asConst(dMean), encoded,
                                  viewOf(grads + layout_.mean.weight, s.latent, s.mergeHidden),
                                  grads + layout_.mean.bias, false);
  nn::denseBackwardParams<Scalar>(asConst(dLogVariance), encoded,
                                  viewOf(grads + layout_.logVariance.weight, s.latent, s.mergeHidden),
                                  grads + layout_.logVariance.bias, false);
  nn::denseBackwardInput<Scalar>(
      asConst(dMean), constViewOf(params + layout_.mean.weight, s.latent, s.mergeHidden), dEncoded, false);
  nn::denseBackwardInput<Scalar>(asConst(dLogVariance),
                                 constViewOf(params + layout_.logVariance.weight, s.latent, s.mergeHidden),
                                 dEncoded, true);
  updateDense(layout_.mean);
  updateDense(layout_.logVariance);

  // Merge layer back to the concatenated plane features.
  const int h = s.planeHidden;
  auto dPreMerge = merge_.backward(b, s, asConst(dEncoded), params, grads);
  const DenseOffsets& mergeDense = merge_.offsets().dense;
  nn::denseBackwardParams<Scalar>(asConst(dPreMerge), constViewOf(concat_.data(), b, 4 * h),
                                  viewOf(grads + mergeDense.weight, s.mergeHidden, 4 * h), nullptr, false);
  nn::denseBackwardInput<Scalar>(asConst(dPreMerge),
                                 constViewOf(params + mergeDense.weight, s.mergeHidden, 4 * h),
                                 viewOf(dConcat_.data(), b, 4 * h), false);
  updateLayer(merge_.offsets());

  // Plane encoders (no input gradient: the inputs are data).
  for (std::size_t p = 0; p < 4; ++p) {
    auto dBlock = constViewOf(dConcat_.data() + static_cast<std::ptrdiff_t>(p) * h, b, h, 4 * h);
    HiddenLayer<Scalar>& layer = encoderPlanes_[p];
    auto dPre = layer.backward(b, s, dBlock, params, grads);
    const DenseOffsets& dense = layer.offsets().dense;
    nn::sparseDenseBackwardParams<Scalar>(asConst(dPre), inputs_[p], viewOf(grads + dense.weight, h, s.cells),
                                          nullptr, false);
    updateLayer(layer.offsets());
  }
}

template <typename Scalar>
void Network<Scalar>::updateDense(const DenseOffsets& dense) {
  if constexpr (std::is_same_v<Scalar, float>) {
    if (adam_ == nullptr) return;
    const auto outputs = static_cast<std::size_t>(dense.outFeatures);
    adam_->update(parameters_, gradients_, dense.weight,
                  outputs * static_cast<std::size_t>(dense.inFeatures));
    adam_->update(parameters_, gradients_, dense.bias, outputs);
  }
}

template <typename Scalar>
void Network<Scalar>::updateLayer(const HiddenLayerOffsets& layer) {
  if constexpr (std::is_same_v<Scalar, float>) {
    if (adam_ == nullptr) return;
    updateDense(layer.dense);
    const auto features = static_cast<std::size_t>(layer.dense.outFeatures);
    adam_->update(parameters_, gradients_, layer.gamma, features);
    adam_->update(parameters_, gradients_, layer.beta, features);
  }
}

template <typename Scalar>
LossParts Network<Scalar>::trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise) {
  checkBatch(batch, "Vae::trainStep");
  encode(batch, Mode::kTrain, &noise);
  decodeFromLatent(Mode::kTrain, &noise);
  const LossParts parts = loss(batch, klWeight, true);
  backward(klWeight);
  return parts;
}

template <typename Scalar>
LossParts Network<Scalar>::trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise,
                                     nn::Adam& adam, float learningRate) {
  if constexpr (!std::is_same_v<Scalar, float>) {
    throw std::logic_error("Network::trainStep with an optimizer: float networks only");
  } else {
    checkBatch(batch, "Vae::trainStep");
    if (adam.size() != parameters_.size()) {
      throw std::invalid_argument("Vae::trainStep: the optimizer holds " + std::to_string(adam.size()) +
                                  " values, the model " + std::to_string(parameters_.size()));
    }
    adam.beginStep(learningRate);
    adam_ = &adam;
    const LossParts parts = trainStep(batch, klWeight, noise);  // backward updates each layer's tensors
    adam_ = nullptr;                                            // once their gradients are complete
    return parts;
  }
}

template <typename Scalar>
LossParts Network<Scalar>::evaluate(const PlaneBatch& batch, float klWeight) {
  checkBatch(batch, "Vae::evaluate");
  encode(batch, Mode::kEval, nullptr);
  decodeFromLatent(Mode::kEval, nullptr);
  return loss(batch, klWeight, false);
}

template <typename Scalar>
void Network<Scalar>::encodeMean(const PlaneBatch& batch, Scalar* meanOut) {
  checkBatch(batch, "Vae::encodeMean");
  encode(batch, Mode::kEval, nullptr);
  std::copy_n(mean_.data(), static_cast<std::size_t>(batch.size) * static_cast<std::size_t>(shape_.latent),
              meanOut);
}

template <typename Scalar>
void Network<Scalar>::decode(const Scalar* z, int count, std::array<Scalar*, 4> planesOut) {
  if (count < 1)
    throw std::invalid_argument("Vae::decode: count must be at least 1, got " + std::to_string(count));
  reserve(count);
  batch_ = count;
  const auto latentValues = static_cast<std::size_t>(count) * static_cast<std::size_t>(shape_.latent);
  std::copy_n(z, latentValues, z_.data());
  decodeFromLatent(Mode::kEval, nullptr);
  const auto cellValues = static_cast<std::size_t>(count) * static_cast<std::size_t>(shape_.cells);
  for (std::size_t p = 0; p < 4; ++p) std::copy_n(outputs_[p].data(), cellValues, planesOut[p]);
}

template <typename Scalar>
nn::ConstMatrixView<Scalar> Network<Scalar>::mean() const {
  return constViewOf(mean_.data(), batch_, shape_.latent);
}
template <typename Scalar>
nn::ConstMatrixView<Scalar> Network<Scalar>::logVariance() const {
  return constViewOf(logVariance_.data(), batch_, shape_.latent);
}
template <typename Scalar>
nn::ConstMatrixView<Scalar> Network<Scalar>::latent() const {
  return constViewOf(z_.data(), batch_, shape_.latent);
}
template <typename Scalar>
nn::ConstMatrixView<Scalar> Network<Scalar>::output(int plane) const {
  return constViewOf(outputs_[static_cast<std::size_t>(plane)].data(), batch_, shape_.cells);
}

template class Network<float>;
template class Network<double>;

}  // namespace melodyvae::vae
