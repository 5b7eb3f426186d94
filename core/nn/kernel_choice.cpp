// Run-time CPU detection for the AVX2 + FMA variants, and the process-wide choice for dense products.
#include "core/nn/kernel_choice.h"

#include <atomic>

namespace melodyvae::nn {

namespace {

bool detect() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

std::atomic<KernelChoice> chosenProductKernel{KernelChoice::kAuto};

}  // namespace

bool vectorKernelAvailable() {
  static const bool available = detect();
  return available;
}

KernelChoice productKernel() {
  return chosenProductKernel.load(std::memory_order_relaxed);
}

void setProductKernel(KernelChoice kernel) {
  chosenProductKernel.store(kernel, std::memory_order_relaxed);
}

}  // namespace melodyvae::nn
