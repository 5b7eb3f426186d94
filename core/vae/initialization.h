// Initial values of a new model: Glorot-normal kernels, zero biases, gamma 1, beta 0, running mean 0,
// running variance 1.
#pragma once

#include <cstdint>
#include <span>

#include "core/vae/tensor_layout.h"

namespace melodyvae::vae {

// Kernels follow Keras' GlorotNormal: a normal with stddev sqrt(2 / (fanIn + fanOut)) / 0.8796...,
// truncated (redrawn) beyond two standard deviations, so the kept values have stddev sqrt(2 / (fanIn +
// fanOut)). Draws come from RandomNoise(seed).normal in chunks of 4096, tensor after tensor in block order.
void initializeParameters(const TensorLayout& layout, std::uint64_t seed, std::span<float> parameters,
                          std::span<float> batchNormState);

}  // namespace melodyvae::vae
