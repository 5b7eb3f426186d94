// The MelodyVAE network (docs/design.md, "Model"): four per-plane encoders, a merge layer, mean and
// log-variance heads; a decoder from z to four planes. Owns its parameters in one contiguous block.
//
// This header is the contract the trainer, the model file and the generator code against.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/nn/adam.h"
#include "core/vae/model_shape.h"
#include "core/vae/noise_source.h"

namespace melodyvae::vae {

// A named tensor inside one of the model's contiguous blocks (parameters or batch-norm state).
// Names follow docs/model-tensors.md, e.g. "encoder.onset.dense.weight" [512, 768] (PyTorch's [out, in]).
struct TensorView {
  std::string name;
  std::vector<int> shape;
  std::size_t offset = 0;  // in floats, from the start of the block
  std::size_t size = 0;    // in floats
  bool inDecoder = false;  // bending touches decoder weights only
  bool isBias = false;
};

// Loss parts as batch means (docs/design.md, "Loss"). total = weighted reconstruction + klWeight * kl.
struct LossParts {
  double onset = 0;     // binary cross-entropy summed over cells, weight already applied
  double velocity = 0;  // masked squared error, weight applied
  double duration = 0;
  double offset = 0;
  double kl = 0;  // unweighted KL divergence
  double total = 0;
};

// Four input planes, each [size, cells] row-major (one sample after another), values as in design.md.
struct PlaneBatch {
  int size = 0;
  std::array<const float*, 4> planes{};  // onset, velocity, duration, timing offset
};

template <typename Scalar>
class Network;  // the computation, templated so tests can run it in double (core/vae/network.h)

// The model: parameters, batch-norm state and the scratch buffers of one forward/backward pass.
// Not thread-safe: every call below uses the same scratch buffers. Large matrix products (training and
// evaluation batches) are split over nn::WorkerPool::shared(); decoding a few z stays on the calling thread.
// Buffers grow when a call brings a larger batch than any before and are reused afterwards; call reserve()
// first to keep later calls allocation-free (e.g. decode() on a real-time thread). Calls taking a batch throw
// std::invalid_argument (naming the argument) for a size below 1 or a null plane. A moved-from Vae may only
// be assigned to or destroyed.
class Vae {
 public:
  // Glorot-normal kernels (seeded), zero biases, gamma 1, beta 0, running means 0 and variances 1.
  explicit Vae(const ModelShape& shape, std::uint64_t initSeed);
  Vae(const Vae& other);  // deep copy of parameters and state (scratch is not shared)
  Vae& operator=(const Vae& other);
  Vae(Vae&&) noexcept;
  Vae& operator=(Vae&&) noexcept;
  ~Vae();

  const ModelShape& shape() const;

  // Every trainable value in one block, laid out as parameterTensors() says (docs/model-tensors.md).
  std::span<float> parameters();
  std::span<const float> parameters() const;
  // The gradients of the last trainStep(), same layout as parameters().
  std::span<float> gradients();
  std::span<const float> gradients() const;
  const std::vector<TensorView>& parameterTensors() const;
  // Batch-norm running means and variances in one block (not trained).
  std::span<float> batchNormState();
  std::span<const float> batchNormState() const;
  const std::vector<TensorView>& batchNormTensors() const;

  // Make buffers for batches (and decode counts) up to maxBatch now, so later calls do not allocate.
  void reserve(int maxBatch);

  // Training mode: batch-statistics batch norm (running averages updated), dropout, z = mean +
  // exp(logvar / 2) * eps, the loss, and the backward pass. gradients() is overwritten. Noise is drawn
  // from `noise` in the order NoiseSource documents. Any batch size >= 1 (PyTorch refuses 1 in training).
  LossParts trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise);
  // trainStep followed by adam.step(parameters(), gradients(), learningRate), bit for bit, but faster: each
  // layer's tensors are updated while backward still has their gradients and weights in cache.
  // gradients() still holds this step's gradients afterwards. std::invalid_argument if adam.size() differs.
  LossParts trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise, nn::Adam& adam,
                      float learningRate);
  // Eval mode (running statistics, no dropout, z = mean); no gradients. Any batch size >= 1.
  LossParts evaluate(const PlaneBatch& batch, float klWeight);
  // Eval-mode encoder means.  meanOut: [batch.size, latent]
  void encodeMean(const PlaneBatch& batch, float* meanOut);
  // Eval-mode decoder: z [count, latent] -> four planes [count, cells] each, after sigmoid (onset,
  // velocity, duration) or tanh (timing offset), in plane order onset, velocity, duration, offset.
  void decode(const float* z, int count, std::array<float*, 4> planesOut);

 private:
  std::unique_ptr<Network<float>> network_;
};

// The Adam optimizer the trainer uses on Vae::parameters() / gradients() (see core/nn/adam.h).
using Adam = nn::Adam;
using AdamSettings = nn::AdamSettings;

}  // namespace melodyvae::vae
