// Where the training step's randomness comes from: reparameterization noise and dropout keep-masks.
// Tests inject fixed values (e.g. PyTorch's) through their own NoiseSource.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace melodyvae::vae {

// Vae::trainStep asks for noise in forward order, one call per layer:
//   keepMask: encoder.onset, .velocity, .duration, .offset ([batch, planeHidden] each), encoder.merge
//   ([batch, mergeHidden]); then normal: eps [batch, latent]; then keepMask: decoder.input ([batch,
//   decoderHidden]), decoder.onset, .velocity, .duration, .offset ([batch, branchHidden] each).
class NoiseSource {
 public:
  virtual ~NoiseSource() = default;
  // Fill with independent N(0, 1) draws.  // [batch, latent]
  virtual void normal(std::span<float> out) = 0;
  // Fill with 1 (keep, probability 1 - dropRate) or 0 (drop). The layer scales kept values by
  // 1 / (1 - dropRate) (inverted dropout), so the mask itself holds only 0 and 1.
  virtual void keepMask(std::span<float> out, float dropRate) = 0;
};

// Seeded noise, identical on every platform: std::mt19937_64 (fully specified by the standard) with our
// own uniform and normal (Marsaglia's polar method) transforms instead of the implementation-defined std::
// distributions. The normal uses std::log and std::sqrt in double; a last-bit difference between libms
// would almost never survive the rounding to float. A keep-mask takes one engine draw as the key of a
// SplitMix64 stream, so its parts are computed in parallel (the same mask for any thread count).
class RandomNoise final : public NoiseSource {
 public:
  explicit RandomNoise(std::uint64_t seed) : engine_(seed) {}
  void normal(std::span<float> out) override;
  void keepMask(std::span<float> out, float dropRate) override;
  // Uniform in [0, 1) from the top 53 bits of one engine draw. (keepMask uses the two 32-bit halves of
  // each SplitMix64 element directly.)
  double uniform();

 private:
  std::mt19937_64 engine_;
};

}  // namespace melodyvae::vae
