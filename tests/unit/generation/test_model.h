// A small model with varied weights and batch-norm state for the generation tests.
#pragma once

#include "core/vae/vae.h"

namespace melodyvae::generation {

inline vae::ModelShape smallShape() {
  vae::ModelShape shape;
  shape.planeHidden = 12;
  shape.mergeHidden = 10;
  shape.decoderHidden = 16;
  shape.branchHidden = 12;
  return shape;
}

// Parameters as initialized plus a deterministic ripple, running statistics away from 0 and 1, so that
// every tensor matters to the outputs.
inline vae::Vae variedModel(std::uint64_t seed) {
  vae::Vae model(smallShape(), seed);
  const std::span<float> parameters = model.parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i)
    parameters[i] += 0.02f * static_cast<float>(i % 7) - 0.06f;
  const std::span<float> state = model.batchNormState();
  for (std::size_t i = 0; i < state.size(); ++i) state[i] = 0.3f + 0.01f * static_cast<float>(i % 13);
  return model;
}

}  // namespace melodyvae::generation
