// The AVX2 build of the Adam update: the loop of adam_update_loop.h, unchanged, in a file the build gives
// -mavx2 -mfma (core/CMakeLists.txt), with Eigen renamed as in dense_avx2.cpp. As in adam_update.cpp,
// square roots round correctly (no fast math) and Eigen is told there is no FMA, so every operation
// rounds as in the portable build: equal bit for bit (tests/unit/perf/kernel_choice_test.cpp).
#include "core/nn/adam_update.h"

#if defined(__AVX2__) && defined(__FMA__)

#undef __FMA__
#define EIGEN_FAST_MATH 0
#define Eigen MelodyvaeEigenAvx2Adam
#include <Eigen/Core>

#include "core/nn/adam_update_loop.h"

namespace melodyvae::nn {

bool adamUpdateAvx2Compiled() {
  return true;
}

void adamUpdateAvx2(float* params, const float* grads, float* firstMoment, float* secondMoment,
                    std::size_t count, const AdamConstants& c) {
  adamUpdateLoop(params, grads, firstMoment, secondMoment, count, c);
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
