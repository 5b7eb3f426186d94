// Sparse-input dense layer. Loops run output feature by output feature so each weight row ([inFeatures],
// contiguous in PyTorch's [out, in] layout) stays in L1 while every sample gathers from it. Output features
// are independent, so large batches split them into fixed ranges over the worker pool (same sums, same
// order: results do not depend on the thread count).
#include "core/nn/sparse_dense.h"

#include <algorithm>
#include <cassert>

#include "core/nn/prefetch.h"
#include "core/nn/worker_pool.h"

namespace melodyvae::nn {

namespace {

constexpr int kParts = 4;
constexpr double kParallelWork =
    1 << 17;  // multiply-adds (non-zeros x outputs) below which one thread is faster

// Runs body(begin, end) over [0, outputs) in kParts ranges, on the pool when the work is large enough.
template <typename Body>
void forOutputRanges(Eigen::Index outputs, std::size_t nonZeros, Body&& body) {
  forRanges(outputs, kParts, 1, static_cast<double>(nonZeros) * static_cast<double>(outputs) >= kParallelWork,
            body);
}

// Asks for rows [first, first + count) of a weight matrix to be brought into cache. The gathers that read
// a row pick its values in the order of the batch's cells, which the hardware prefetcher cannot follow:
// each would wait on memory. Issued one group ahead, the next rows arrive while this group computes.
template <typename Scalar>
void prefetchRows(const Scalar* first, Eigen::Index count, Eigen::Index width, Eigen::Index stride) {
  for (Eigen::Index row = 0; row < count; ++row) prefetchValues(first + row * stride, width);
}

}  // namespace

// kGroup output features at a time: their sums are independent chains that overlap in the pipeline (one
// feature's sum, ~25 dependent additions per row, waits on the adder's latency), and each input entry's
// column and value are loaded once for all of them. Each feature still sums its entries in order.
constexpr Eigen::Index kGroup = 8;

template <typename Scalar>
void sparseDenseForward(const SparseRows& in, ConstMatrixView<Scalar> weight, const Scalar* bias,
                        MatrixView<Scalar> out) {
  const int* columns = in.column.data();
  const float* values = in.value.data();
  const std::size_t nonZeros = in.value.size() < in.column.size() ? in.value.size() : in.column.size();
  forOutputRanges(weight.rows(), nonZeros, [&](Eigen::Index begin, Eigen::Index end) {
    Eigen::Index o = begin;
    for (; o + kGroup <= end; o += kGroup) {
      const Scalar* w[kGroup];
      for (Eigen::Index j = 0; j < kGroup; ++j) w[j] = weight.data() + (o + j) * weight.outerStride();
      if (o + 2 * kGroup <= end)
        prefetchRows(weight.data() + (o + kGroup) * weight.outerStride(), kGroup, weight.cols(),
                     weight.outerStride());
      for (int r = 0; r < in.rows; ++r) {
        Scalar sum[kGroup];
        for (Eigen::Index j = 0; j < kGroup; ++j) sum[j] = bias[o + j];
        for (int k = in.rowStart[static_cast<std::size_t>(r)];
             k < in.rowStart[static_cast<std::size_t>(r) + 1]; ++k) {
          const int column = columns[k];
          const auto value = static_cast<Scalar>(values[k]);
          for (Eigen::Index j = 0; j < kGroup; ++j) sum[j] += w[j][column] * value;
        }
        for (Eigen::Index j = 0; j < kGroup; ++j) out(r, o + j) = sum[j];
      }
    }
    for (; o < end; ++o) {
      const Scalar* w = weight.data() + o * weight.outerStride();
      for (int r = 0; r < in.rows; ++r) {
        Scalar sum = bias[o];
        for (int k = in.rowStart[static_cast<std::size_t>(r)];
             k < in.rowStart[static_cast<std::size_t>(r) + 1]; ++k) {
          sum += w[columns[k]] * static_cast<Scalar>(values[k]);
        }
        out(r, o) = sum;
      }
    }
  });
}

template <typename Scalar>
void sparseDenseBackwardParams(ConstMatrixView<Scalar> dOut, const SparseRows& in, MatrixView<Scalar> dWeight,
                               Scalar* dBias, bool accumulate) {
  const int* columns = in.column.data();
  const float* values = in.value.data();
  const std::size_t nonZeros = in.value.size() < in.column.size() ? in.value.size() : in.column.size();
  forOutputRanges(dWeight.rows(), nonZeros, [&](Eigen::Index begin, Eigen::Index end) {
    if (!accumulate) {  // this range's rows, while the thread that fills them has them in cache
      dWeight.middleRows(begin, end - begin).setZero();
      if (dBias != nullptr) std::fill(dBias + begin, dBias + end, Scalar(0));
    }
    Eigen::Index o = begin;
    // kGroup features at a time, as in forward: independent read-modify-writes, one load of each entry.
    for (; o + kGroup <= end; o += kGroup) {
      Scalar* dw[kGroup];
      Scalar biasSum[kGroup];
      for (Eigen::Index j = 0; j < kGroup; ++j) {
        dw[j] = dWeight.data() + (o + j) * dWeight.outerStride();
        biasSum[j] = 0;
      }
      for (int r = 0; r < in.rows; ++r) {
        Scalar g[kGroup];
        for (Eigen::Index j = 0; j < kGroup; ++j) {
          g[j] = dOut(r, o + j);
          biasSum[j] += g[j];
        }
        for (int k = in.rowStart[static_cast<std::size_t>(r)];
             k < in.rowStart[static_cast<std::size_t>(r) + 1]; ++k) {
          const int column = columns[k];
          const auto value = static_cast<Scalar>(values[k]);
          for (Eigen::Index j = 0; j < kGroup; ++j) dw[j][column] += g[j] * value;
        }
      }
      if (dBias != nullptr) {
        for (Eigen::Index j = 0; j < kGroup; ++j) dBias[o + j] += biasSum[j];
      }
    }
    for (; o < end; ++o) {
      Scalar* dw = dWeight.data() + o * dWeight.outerStride();
      Scalar biasSum = 0;
      for (int r = 0; r < in.rows; ++r) {
        const Scalar g = dOut(r, o);
        biasSum += g;
        for (int k = in.rowStart[static_cast<std::size_t>(r)];
             k < in.rowStart[static_cast<std::size_t>(r) + 1]; ++k) {
          dw[columns[k]] += g * static_cast<Scalar>(values[k]);
        }
      }
      if (dBias != nullptr) dBias[o] += biasSum;
    }
  });
}

template <typename Scalar>
void denseForwardAt(const SparseRows& at, ConstMatrixView<Scalar> in, ConstMatrixView<Scalar> weight,
                    const Scalar* bias, MatrixView<Scalar> out) {
  assert(at.rows == out.rows() && at.cols == out.cols() && in.rows() == out.rows());
  const std::size_t nonZeros = at.column.size();
  // Split over samples: each writes its own rows of out.
  const double work = static_cast<double>(nonZeros) * static_cast<double>(weight.cols()) +
                      static_cast<double>(out.rows()) * static_cast<double>(out.cols());
  auto body = [&](Eigen::Index begin, Eigen::Index end) {
    const int last = at.rowStart[static_cast<std::size_t>(end)];
    for (Eigen::Index r = begin; r < end; ++r) {
      out.row(r).setZero();
      for (int k = at.rowStart[static_cast<std::size_t>(r)]; k < at.rowStart[static_cast<std::size_t>(r) + 1];
           ++k) {
        const int c = at.column[static_cast<std::size_t>(k)];
        if (k + 1 < last) {  // the cells decide which row comes next: the prefetcher cannot know it
          const int next = at.column[static_cast<std::size_t>(k) + 1];
          prefetchValues(weight.data() + next * weight.outerStride(), weight.cols());
        }
        out(r, c) = bias[c] + in.row(r).dot(weight.row(c));
      }
    }
  };
  forRanges(out.rows(), kParts, 1, work >= kParallelWork, body);
}

template void sparseDenseForward<float>(const SparseRows&, ConstMatrixView<float>, const float*,
                                        MatrixView<float>);
template void sparseDenseForward<double>(const SparseRows&, ConstMatrixView<double>, const double*,
                                         MatrixView<double>);
template void sparseDenseBackwardParams<float>(ConstMatrixView<float>, const SparseRows&, MatrixView<float>,
                                               float*, bool);
template void sparseDenseBackwardParams<double>(ConstMatrixView<double>, const SparseRows&,
                                                MatrixView<double>, double*, bool);
template void denseForwardAt<float>(const SparseRows&, ConstMatrixView<float>, ConstMatrixView<float>,
                                    const float*, MatrixView<float>);
template void denseForwardAt<double>(const SparseRows&, ConstMatrixView<double>, ConstMatrixView<double>,
                                     const double*, MatrixView<double>);

}  // namespace melodyvae::nn
