// The pause inside a spin-wait loop.
#pragma once

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace melodyvae::nn {

// A hint to the CPU that this is a spin-wait loop (frees the core's resources for its sibling thread).
inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace melodyvae::nn
