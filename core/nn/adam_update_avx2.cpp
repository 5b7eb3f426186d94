// The AVX2 build of the Adam update: one pass of 8 values at a time that loads p, g, m and v once and
// stores p, m and v once. (Eigen's array expressions, as in the portable build, make three passes over
// each 1024-value chunk and ran ~25% slower here.) Every operation is the one adam_update.cpp writes,
// in the same order, with no fused multiply-add (-ffp-contract=off, see core/CMakeLists.txt) and correctly
// rounded square roots and divisions: equal bit for bit to the portable build
// (tests/unit/perf/kernel_choice_test.cpp).
#include "core/nn/adam_update.h"

#if defined(__AVX2__) && defined(__FMA__)

#include <immintrin.h>

#include <cmath>

namespace melodyvae::nn {

bool adamUpdateAvx2Compiled() {
  return true;
}

void adamUpdateAvx2(float* params, const float* grads, float* firstMoment, float* secondMoment,
                    std::size_t count, const AdamConstants& c) {
  const __m256 beta1 = _mm256_set1_ps(c.beta1);
  const __m256 oneMinusBeta1 = _mm256_set1_ps(1.0f - c.beta1);
  const __m256 beta2 = _mm256_set1_ps(c.beta2);
  const __m256 oneMinusBeta2 = _mm256_set1_ps(1.0f - c.beta2);
  const __m256 sqrtCorrection2 = _mm256_set1_ps(c.sqrtCorrection2);
  const __m256 epsilon = _mm256_set1_ps(c.epsilon);
  const __m256 stepSize = _mm256_set1_ps(c.stepSize);
  std::size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    const __m256 g = _mm256_loadu_ps(grads + i);
    const __m256 m = _mm256_add_ps(_mm256_mul_ps(beta1, _mm256_loadu_ps(firstMoment + i)),
                                   _mm256_mul_ps(oneMinusBeta1, g));
    const __m256 v = _mm256_add_ps(_mm256_mul_ps(beta2, _mm256_loadu_ps(secondMoment + i)),
                                   _mm256_mul_ps(oneMinusBeta2, _mm256_mul_ps(g, g)));
    _mm256_storeu_ps(firstMoment + i, m);
    _mm256_storeu_ps(secondMoment + i, v);
    const __m256 denominator = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(v), sqrtCorrection2), epsilon);
    const __m256 step = _mm256_mul_ps(stepSize, _mm256_div_ps(m, denominator));
    _mm256_storeu_ps(params + i, _mm256_sub_ps(_mm256_loadu_ps(params + i), step));
  }
  for (; i < count; ++i) {  // the last count % 8 values, the same operations one at a time
    const float g = grads[i];
    const float m = c.beta1 * firstMoment[i] + (1.0f - c.beta1) * g;
    const float v = c.beta2 * secondMoment[i] + (1.0f - c.beta2) * (g * g);
    firstMoment[i] = m;
    secondMoment[i] = v;
    params[i] -= c.stepSize * (m / (std::sqrt(v) / c.sqrtCorrection2 + c.epsilon));
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
