// The portable build of the Adam update (see adam_update.h; the loop itself is in adam_update_loop.h).
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

#include "core/nn/adam_update_loop.h"

namespace melodyvae::nn {

void adamUpdatePortable(float* params, const float* grads, float* firstMoment, float* secondMoment,
                        std::size_t count, const AdamConstants& c) {
  adamUpdateLoop(params, grads, firstMoment, secondMoment, count, c);
}

}  // namespace melodyvae::nn
