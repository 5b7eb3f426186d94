// The AVX2 build of the Adam update: the loop of adam_update.cpp, unchanged, in a file the build gives
// -mavx2 -mfma (core/CMakeLists.txt), with Eigen renamed as in dense_avx2.cpp. As in adam_update.cpp,
// square roots round correctly (no fast math) and Eigen is told there is no FMA, so every operation
// rounds as in the portable build: equal bit for bit (tests/unit/perf/kernel_choice_test.cpp).
#include "core/nn/adam_update.h"

#if defined(__AVX2__) && defined(__FMA__)

#include <algorithm>

#undef __FMA__
#define EIGEN_FAST_MATH 0
#define Eigen MelodyvaeEigenAvx2Adam
#include <Eigen/Core>

namespace melodyvae::nn {

bool adamUpdateAvx2Compiled() {
  return true;
}

void adamUpdateAvx2(float* params, const float* grads, float* firstMoment, float* secondMoment,
                    std::size_t count, const AdamConstants& c) {
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

#else  // not built for AVX2: never called

namespace melodyvae::nn {

bool adamUpdateAvx2Compiled() {
  return false;
}

void adamUpdateAvx2(float*, const float*, float*, float*, std::size_t, const AdamConstants&) {}

}  // namespace melodyvae::nn

#endif
