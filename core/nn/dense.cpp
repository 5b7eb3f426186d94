// Dense forward and backward over Eigen products (no temporaries: .noalias() into the caller's buffers);
// float products go to the AVX2 + FMA build of Eigen (dense_avx2.h) on CPUs that have it.
// Large products are cut into kParts column blocks run on the shared WorkerPool; small ones (decoding a
// single z, tests) run on the caller without touching the pool, so they never lock.
#include "core/nn/dense.h"

#include <type_traits>

#include "core/nn/dense_avx2.h"
#include "core/nn/kernel_choice.h"
#include "core/nn/worker_pool.h"

namespace melodyvae::nn {

namespace {

constexpr int kParts = 4;                  // fixed, so results do not depend on the thread count
constexpr double kParallelWork = 1 << 21;  // multiply-adds below which one thread is faster

bool worthSplitting(Eigen::Index a, Eigen::Index b, Eigen::Index c, Eigen::Index splitSize) {
  return static_cast<double>(a) * static_cast<double>(b) * static_cast<double>(c) >= kParallelWork &&
         splitSize >= 16 * kParts;
}

constexpr Eigen::Index kAlign = 16;  // part edges on whole multiples of 16 values (SIMD-friendly)

// The AVX2 + FMA build of the float products, when compiled in, wanted and supported by this CPU.
template <typename Scalar>
bool useAvx2() {
  if constexpr (std::is_same_v<Scalar, float>) {
    return avx2::compiled() && productKernel() == KernelChoice::kAuto && vectorKernelAvailable();
  } else {
    return false;
  }
}

template <typename Scalar>
avx2::Operand operandOf(const Scalar* data, Eigen::Index rows, Eigen::Index cols, Eigen::Index stride,
                        bool transposed) {
  if constexpr (std::is_same_v<Scalar, float>) {
    return {data, rows, cols, stride, transposed};
  } else {
    return {};
  }
}

template <typename Scalar>
float* floatPointer(Scalar* data) {
  if constexpr (std::is_same_v<Scalar, float>) {
    return data;
  } else {
    return nullptr;
  }
}

}  // namespace

template <typename Scalar>
void denseForward(ConstMatrixView<Scalar> in, ConstMatrixView<Scalar> weight, const Scalar* bias,
                  MatrixView<Scalar> out) {
  const ConstVectorView<Scalar> b(bias, weight.rows());
  auto block = [&](Eigen::Index begin, Eigen::Index end) {
    const Eigen::Index n = end - begin;
    if (n <= 0) return;
    auto target = out.middleCols(begin, n);
    target.rowwise() = b.segment(begin, n).transpose();
    if (useAvx2<Scalar>()) {
      avx2::product(operandOf(in.data(), in.rows(), in.cols(), in.outerStride(), false),
                    operandOf(weight.data() + begin * weight.outerStride(), n, weight.cols(),
                              weight.outerStride(), true),
                    floatPointer(out.data() + begin), out.outerStride(), true);
      return;
    }
    target.noalias() += in * weight.middleRows(begin, n).transpose();
  };
  forRanges(weight.rows(), kParts, kAlign,
            worthSplitting(in.rows(), weight.rows(), weight.cols(), weight.rows()), block);
}

template <typename Scalar>
void denseBackwardParams(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> in, MatrixView<Scalar> dWeight,
                         Scalar* dBias, bool accumulate) {
  // Eigen evaluates a large "=" product as zeros plus the "+=" product (and a small one as the same dot
  // products, written or added): either way the values equal those of adding into zeroed buffers.
  auto block = [&](Eigen::Index begin, Eigen::Index end) {
    const Eigen::Index n = end - begin;
    if (n <= 0) return;
    if (useAvx2<Scalar>()) {
      avx2::product(operandOf(dOut.data() + begin, dOut.rows(), n, dOut.outerStride(), true),
                    operandOf(in.data(), in.rows(), in.cols(), in.outerStride(), false),
                    floatPointer(dWeight.data() + begin * dWeight.outerStride()), dWeight.outerStride(),
                    accumulate);
    } else if (accumulate) {
      dWeight.middleRows(begin, n).noalias() += dOut.middleCols(begin, n).transpose() * in;
    } else {
      dWeight.middleRows(begin, n).noalias() = dOut.middleCols(begin, n).transpose() * in;
    }
    if (dBias == nullptr) return;
    VectorView<Scalar> db(dBias + begin, n);
    if (!accumulate) db.setZero();
    for (Eigen::Index row = 0; row < dOut.rows(); ++row) db += dOut.row(row).segment(begin, n).transpose();
  };
  forRanges(dWeight.rows(), kParts, kAlign,
            worthSplitting(dOut.rows(), dWeight.rows(), dWeight.cols(), dWeight.rows()), block);
}

template <typename Scalar>
void denseBackwardInput(ConstMatrixView<Scalar> dOut, ConstMatrixView<Scalar> weight, MatrixView<Scalar> dIn,
                        bool accumulate) {
  auto block = [&](Eigen::Index begin, Eigen::Index end) {
    const Eigen::Index n = end - begin;
    if (n <= 0) return;
    if (useAvx2<Scalar>()) {
      avx2::product(operandOf(dOut.data(), dOut.rows(), dOut.cols(), dOut.outerStride(), false),
                    operandOf(weight.data() + begin, weight.rows(), n, weight.outerStride(), false),
                    floatPointer(dIn.data() + begin), dIn.outerStride(), accumulate);
    } else if (accumulate) {
      dIn.middleCols(begin, n).noalias() += dOut * weight.middleCols(begin, n);
    } else {
      dIn.middleCols(begin, n).noalias() = dOut * weight.middleCols(begin, n);
    }
  };
  forRanges(weight.cols(), kParts, kAlign,
            worthSplitting(dOut.rows(), weight.rows(), weight.cols(), weight.cols()), block);
}

#define MELODYVAE_INSTANTIATE(Scalar)                                                                 \
  template void denseForward<Scalar>(ConstMatrixView<Scalar>, ConstMatrixView<Scalar>, const Scalar*, \
                                     MatrixView<Scalar>);                                             \
  template void denseBackwardParams<Scalar>(ConstMatrixView<Scalar>, ConstMatrixView<Scalar>,         \
                                            MatrixView<Scalar>, Scalar*, bool);                       \
  template void denseBackwardInput<Scalar>(ConstMatrixView<Scalar>, ConstMatrixView<Scalar>,          \
                                           MatrixView<Scalar>, bool);
MELODYVAE_INSTANTIATE(float)
MELODYVAE_INSTANTIATE(double)
#undef MELODYVAE_INSTANTIATE

}  // namespace melodyvae::nn
