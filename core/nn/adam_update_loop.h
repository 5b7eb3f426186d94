// The Adam update loop shared by adam_update.cpp (portable) and adam_update_avx2.cpp (-mavx2 -mfma).
// Each of those files renames Eigen and includes <Eigen/Core> before this header, so `Eigen::` below is
// that file's own copy; the function has internal linkage, so the linker never merges the two builds.
#pragma once

#include <algorithm>
#include <cstddef>

#include "core/nn/adam_update.h"

namespace melodyvae::nn {
namespace {

// For i < count: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= stepSize * m / (sqrt(v) / c2 + eps).
void adamUpdateLoop(float* params, const float* grads, float* firstMoment, float* secondMoment,
                    std::size_t count, const AdamConstants& c) {
  // Chunks small enough to stay in L1 between the three array statements: one pass over memory.
  constexpr std::size_t kChunk = 1024;
  for (std::size_t start = 0; start < count; start += kChunk) {
    const auto n = static_cast<Eigen::Index>(std::min(kChunk, count - start));
    Eigen::Map<Eigen::ArrayXf> p(params + start, n);
    const Eigen::Map<const Eigen::ArrayXf> g(grads + start, n);
    Eigen::Map<Eigen::ArrayXf> m(firstMoment + start, n);
    Eigen::Map<Eigen::ArrayXf> v(secondMoment + start, n);
    m = c.beta1 * m + (1.0f - c.beta1) * g;
    v = c.beta2 * v + (1.0f - c.beta2) * g.square();
    p -= c.stepSize * (m / (v.sqrt() / c.sqrtCorrection2 + c.epsilon));
  }
}

}  // namespace
}  // namespace melodyvae::nn
