// The portable build of the Adam update (see adam_update.h).
// Eigen's fast square root (an rsqrt estimate plus a Newton step) is switched off: vector and scalar
// square roots then both round correctly, so results do not depend on how Eigen splits an array between
// packets and scalars (which follows the data's alignment) nor on the packet width. Because that changes
// one of Eigen's inline functions, Eigen is renamed in this file (as in the AVX2 files).
#include "core/nn/adam_update.h"

// No contraction into fused multiply-adds either (machines with FMA in their base instruction set), so
// Eigen's scalar head and tail round exactly as its packets do.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
#define EIGEN_FAST_MATH 0
#define Eigen MelodyvaeEigenExactSqrt
#include <Eigen/Core>

#include <algorithm>
#include <cstddef>

namespace melodyvae::nn {

void adamUpdatePortable(float* params, const float* grads, float* firstMoment, float* secondMoment,
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

}  // namespace melodyvae::nn
