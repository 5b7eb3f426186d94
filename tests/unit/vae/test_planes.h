// Helpers for the VAE tests: realistic sparse input planes (monophonic loops with an onset at about half
// of the steps), a small model shape, and copies of parameter blocks.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "core/vae/vae.h"

namespace melodyvae::vae::testing {

struct TestPlanes {
  std::array<std::vector<float>, 4> planes;  // [batch, rows * steps] each
  PlaneBatch batch;
};

inline TestPlanes makeTestPlanes(int batch, int rows, int steps, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  TestPlanes t;
  for (auto& plane : t.planes) plane.assign(static_cast<std::size_t>(batch * rows * steps), 0.0f);
  for (int b = 0; b < batch; ++b) {
    for (int step = 0; step < steps; ++step) {
      if (unit(engine) < 0.5f) continue;
      const int row = static_cast<int>(unit(engine) * static_cast<float>(rows)) % rows;
      const auto cell = static_cast<std::size_t>(b * rows * steps + row * steps + step);
      t.planes[0][cell] = 1.0f;
      t.planes[1][cell] = 0.25f + 0.75f * unit(engine);
      t.planes[2][cell] = 0.05f + 0.9f * unit(engine);
      t.planes[3][cell] = 2.0f * unit(engine) - 1.0f;
    }
  }
  t.batch.size = batch;
  for (std::size_t p = 0; p < 4; ++p) t.batch.planes[p] = t.planes[p].data();
  return t;
}

// A model small enough for quick tests on a 3 x 8 grid (24 cells).
inline ModelShape smallShape() {
  ModelShape shape;
  shape.cells = 24;  // 3 rows x 8 steps
  shape.planeHidden = 16;
  shape.mergeHidden = 12;
  shape.latent = 2;
  shape.decoderHidden = 20;
  shape.branchHidden = 10;
  return shape;
}

inline std::vector<float> copyOf(std::span<const float> values) {
  return {values.begin(), values.end()};
}

}  // namespace melodyvae::vae::testing
