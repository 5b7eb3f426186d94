// Eigen's float products built with AVX2 + FMA. Eigen is renamed for this file only (namespace
// MelodyvaeEigenAvx2), so none of its AVX2 template code can be merged by the linker with the portable
// Eigen code of the other files; only this file's plain functions are shared, and dense.cpp calls them
// after checking the CPU (core/nn/kernel_choice.h).
#include "core/nn/dense_avx2.h"

#if defined(__AVX2__) && defined(__FMA__)

#define Eigen MelodyvaeEigenAvx2
#include <Eigen/Core>

namespace melodyvae::nn::avx2 {

namespace {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstView = Eigen::Map<const RowMajor, Eigen::Unaligned, Eigen::OuterStride<>>;
using View = Eigen::Map<RowMajor, Eigen::Unaligned, Eigen::OuterStride<>>;

ConstView viewOf(const Operand& operand) {
  return ConstView(operand.data, operand.rows, operand.cols, Eigen::OuterStride<>(operand.stride));
}

template <typename A, typename B>
void multiply(const A& a, const B& b, View& c, bool accumulate) {
  if (accumulate) {
    c.noalias() += a * b;
  } else {
    c.noalias() = a * b;
  }
}

}  // namespace

bool compiled() {
  return true;
}

void product(const Operand& a, const Operand& b, float* c, std::ptrdiff_t cStride, bool accumulate) {
  const ConstView av = viewOf(a);
  const ConstView bv = viewOf(b);
  const std::ptrdiff_t m = a.transposed ? a.cols : a.rows;
  const std::ptrdiff_t n = b.transposed ? b.rows : b.cols;
  View cv(c, m, n, Eigen::OuterStride<>(cStride));
  if (a.transposed && b.transposed) {
    multiply(av.transpose(), bv.transpose(), cv, accumulate);
  } else if (a.transposed) {
    multiply(av.transpose(), bv, cv, accumulate);
  } else if (b.transposed) {
    multiply(av, bv.transpose(), cv, accumulate);
  } else {
    multiply(av, bv, cv, accumulate);
  }
}

}  // namespace melodyvae::nn::avx2

#else  // not built for AVX2: never called (compiled() says so)

namespace melodyvae::nn::avx2 {

bool compiled() {
  return false;
}

void product(const Operand&, const Operand&, float*, std::ptrdiff_t, bool) {}

}  // namespace melodyvae::nn::avx2

#endif
