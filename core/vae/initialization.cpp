// Seeded initialization of the parameter and batch-norm blocks.
#include "core/vae/initialization.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "core/vae/noise_source.h"

namespace melodyvae::vae {

namespace {

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void initializeParameters(const TensorLayout& layout, std::uint64_t seed, std::span<float> parameters,
                          std::span<float> batchNormState) {
  // Draws come in chunks (both Box-Muller outputs used); rejected draws are skipped in order.
  RandomNoise noise(seed);
  std::array<float, 4096> draws{};
  std::size_t next = draws.size();
  auto nextDraw = [&] {
    if (next == draws.size()) {
      noise.normal(draws);
      next = 0;
    }
    return draws[next++];
  };
  for (const TensorView& view : layout.parameters) {
    auto values = parameters.subspan(view.offset, view.size);
    if (endsWith(view.name, ".norm.gamma")) {
      std::fill(values.begin(), values.end(), 1.0f);
    } else if (view.isBias) {
      std::fill(values.begin(), values.end(), 0.0f);
    } else {
      const double fanOut = view.shape[0];
      const double fanIn = view.shape[1];
      const double stddev = std::sqrt(2.0 / (fanIn + fanOut)) / 0.87962566103423978;
      for (float& value : values) {
        float draw = nextDraw();
        while (std::abs(draw) > 2.0f) draw = nextDraw();
        value = static_cast<float>(stddev * draw);
      }
    }
  }
  for (const TensorView& view : layout.batchNorm) {
    auto values = batchNormState.subspan(view.offset, view.size);
    std::fill(values.begin(), values.end(), endsWith(view.name, ".running_var") ? 1.0f : 0.0f);
  }
}

}  // namespace melodyvae::vae
