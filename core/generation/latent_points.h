// Points of the latent space for the musician's tools: a line between two encoded clips (interpolation)
// and a cloud around one point (variations).
#pragma once

#include <span>
#include <vector>

#include "core/vae/noise_source.h"

namespace melodyvae::generation {

using LatentPoint = std::vector<float>;  // [latent]

inline constexpr int kLargestPointCount = 1024;  // more would be a typo, not a musician's request

// `steps` points evenly spaced on the straight line from `from` to `to`, `from` first and `to` last
// (point i = from + (to - from) * i / (steps - 1)). Throws std::invalid_argument when the sizes differ, a
// value is not finite, or steps is outside 2..kLargestPointCount.
std::vector<LatentPoint> interpolateLine(std::span<const float> from, std::span<const float> to, int steps);

// `count` points around `center`, each coordinate center + spread * N(0, 1) drawn from `random` (the
// spread is the temperature: 0 gives count copies of center, larger spreads wander further). Throws
// std::invalid_argument when a value is not finite, spread < 0, or count is outside 1..kLargestPointCount.
std::vector<LatentPoint> variationPoints(std::span<const float> center, int count, float spread,
                                         vae::NoiseSource& random);

}  // namespace melodyvae::generation
