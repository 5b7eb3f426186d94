// The float dense products compiled a second time for AVX2 + FMA (x86-64 only; the build gives this one
// file -mavx2 -mfma, see core/CMakeLists.txt). dense.cpp calls it only when the CPU has both.
#pragma once

#include <cstddef>

namespace melodyvae::nn::avx2 {

// A row-major [rows, cols] block with a row stride, used as is or transposed.
struct Operand {
  const float* data = nullptr;
  std::ptrdiff_t rows = 0;
  std::ptrdiff_t cols = 0;
  std::ptrdiff_t stride = 0;
  bool transposed = false;
};

// True if this build holds the AVX2 variant (x86-64 with GCC or Clang).
bool compiled();

// c [m, n] (row stride cStride) = op(a) * op(b), or += when accumulate. op(a) is [m, k], op(b) [k, n].
void product(const Operand& a, const Operand& b, float* c, std::ptrdiff_t cStride, bool accumulate);

}  // namespace melodyvae::nn::avx2
