// RandomNoise: platform-independent uniform, normal (polar method) and Bernoulli draws from std::mt19937_64.
#include "core/vae/noise_source.h"

#include <cmath>

namespace melodyvae::vae {

double RandomNoise::uniform() {
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

void RandomNoise::normal(std::span<float> out) {
  // Marsaglia's polar method (Box-Muller without the trigonometry), both outputs used: a point uniform in
  // the square, kept if inside the unit circle (about 79%).
  std::size_t i = 0;
  while (i < out.size()) {
    double x = 0;
    double y = 0;
    double r2 = 0;
    do {
      x = 2.0 * uniform() - 1.0;
      y = 2.0 * uniform() - 1.0;
      r2 = x * x + y * y;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(r2) / r2);
    out[i++] = static_cast<float>(x * factor);
    if (i < out.size()) out[i++] = static_cast<float>(y * factor);
  }
}

void RandomNoise::keepMask(std::span<float> out, float dropRate) {
  // Two decisions per engine draw: each 32-bit half is kept when it is at or above dropRate * 2^32.
  const auto threshold = static_cast<std::uint64_t>(static_cast<double>(dropRate) * 0x1.0p32);
  std::size_t i = 0;
  while (i < out.size()) {
    const std::uint64_t bits = engine_();
    out[i++] = (bits & 0xFFFFFFFFu) < threshold ? 0.0f : 1.0f;
    if (i < out.size()) out[i++] = (bits >> 32) < threshold ? 0.0f : 1.0f;
  }
}

}  // namespace melodyvae::vae
