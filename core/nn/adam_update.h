// The element-wise Adam update over one range of the parameter block, in two builds: portable
// (adam_update.cpp) and AVX2 (adam_update_avx2.cpp, x86-64). Both evaluate the same expression with the
// same IEEE operations (no fused multiply-add, correctly rounded sqrt and division), so their results are
// bit for bit equal; tests/unit/perf checks it.
#pragma once

#include <cstddef>

namespace melodyvae::nn {

struct AdamConstants {
  float beta1 = 0;
  float beta2 = 0;
  float epsilon = 0;
  float stepSize = 0;         // learning rate / (1 - beta1^t)
  float sqrtCorrection2 = 0;  // sqrt(1 - beta2^t)
};

// For i < count: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= stepSize * m / (sqrt(v) / c2 + eps).
void adamUpdatePortable(float* params, const float* grads, float* firstMoment, float* secondMoment,
                        std::size_t count, const AdamConstants& constants);
// The same built for AVX2 (x86-64 only); adamUpdateAvx2Compiled() says whether this build has it.
bool adamUpdateAvx2Compiled();
void adamUpdateAvx2(float* params, const float* grads, float* firstMoment, float* secondMoment,
                    std::size_t count, const AdamConstants& constants);

}  // namespace melodyvae::nn
