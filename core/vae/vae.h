// The MelodyVAE network (docs/design.md, "Model"): four per-plane encoders, a merge layer, mean and
// log-variance heads; a decoder from z to four planes. Owns its parameters in one contiguous block.
//
// This header is the contract the trainer, the model file and the generator code against.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/vae/model_shape.h"

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
  double kl = 0;        // unweighted KL divergence
  double total = 0;
};

// Four input planes, each [size, cells] row-major (one sample after another), values as in design.md.
struct PlaneBatch {
  int size = 0;
  std::array<const float*, 4> planes{};  // onset, velocity, duration, timing offset
};

}  // namespace melodyvae::vae
