// Sparse output gradients: both backward products as sums over the non-zero entries only. Work splits into
// fixed ranges over the worker pool (output features for the weight gradient, samples for the input
// gradient), so the results do not depend on the thread count.
#include "core/nn/sparse_gradient.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>

#include "core/nn/prefetch.h"
#include "core/nn/worker_pool.h"

namespace melodyvae::nn {

namespace {

constexpr int kParts = 4;
constexpr double kParallelWork =
    1 << 17;  // values written or multiply-added below which one thread is faster

std::size_t capacityFor(int rows, int cols, double maxDensity) {
  const double cells = static_cast<double>(rows) * static_cast<double>(cols);
  return static_cast<std::size_t>(std::ceil(std::clamp(maxDensity, 0.0, 1.0) * cells));
}

}  // namespace

template <typename Scalar>
void SparseGradient<Scalar>::reserve(int rows, int cols, double maxDensity) {
  const std::size_t entries = capacityFor(rows, cols, maxDensity);
  byRowStart_.reserve(static_cast<std::size_t>(rows) + 1);
  byFeatureStart_.reserve(static_cast<std::size_t>(cols) + 1);
  for (auto* indices : {&byRowFeature_, &byFeatureRow_}) indices->reserve(entries);
  for (auto* values : {&byRowValue_, &byFeatureValue_}) values->reserve(entries);
}

template <typename Scalar>
bool SparseGradient<Scalar>::assign(ConstMatrixView<Scalar> dOut, double maxDensity) {
  const auto rows = static_cast<int>(dOut.rows());
  const auto cols = static_cast<int>(dOut.cols());
  byRowStart_.clear();
  byRowFeature_.clear();
  byRowValue_.clear();
  byFeatureStart_.assign(static_cast<std::size_t>(cols) + 1, 0);
  byFeatureRow_.clear();
  byFeatureValue_.clear();
  assigned_ = false;
  rows_ = 0;
  cols_ = 0;
  const std::size_t limit = capacityFor(rows, cols, maxDensity);
  // By sample, counting each feature's entries on the way (into byFeatureStart_[f + 1]).
  byRowStart_.push_back(0);
  for (int r = 0; r < rows; ++r) {
    const Scalar* row = dOut.data() + static_cast<Eigen::Index>(r) * dOut.outerStride();
    for (int f = 0; f < cols; ++f) {
      if (row[f] == Scalar(0)) continue;
      if (byRowValue_.size() == limit) {
        byRowStart_.clear();
        byRowFeature_.clear();
        byRowValue_.clear();
        return false;
      }
      byRowFeature_.push_back(f);
      byRowValue_.push_back(row[f]);
      ++byFeatureStart_[static_cast<std::size_t>(f) + 1];
    }
    byRowStart_.push_back(static_cast<int>(byRowValue_.size()));
  }
  // By feature: a counting sort of the same entries; walking the samples in order keeps them increasing.
  for (int f = 0; f < cols; ++f) {
    byFeatureStart_[static_cast<std::size_t>(f) + 1] += byFeatureStart_[static_cast<std::size_t>(f)];
  }
  byFeatureRow_.resize(byRowValue_.size());
  byFeatureValue_.resize(byRowValue_.size());
  // byFeatureStart_[f] serves as feature f's fill cursor; it ends at f's last entry + 1, the start of f + 1,
  // so the starts are shifted back by one afterwards.
  for (int r = 0; r < rows; ++r) {
    for (int k = byRowStart_[static_cast<std::size_t>(r)]; k < byRowStart_[static_cast<std::size_t>(r) + 1];
         ++k) {
      const auto f = static_cast<std::size_t>(byRowFeature_[static_cast<std::size_t>(k)]);
      const auto slot = static_cast<std::size_t>(byFeatureStart_[f]++);
      byFeatureRow_[slot] = r;
      byFeatureValue_[slot] = byRowValue_[static_cast<std::size_t>(k)];
    }
  }
  for (int f = cols; f > 0; --f) {
    byFeatureStart_[static_cast<std::size_t>(f)] = byFeatureStart_[static_cast<std::size_t>(f) - 1];
  }
  byFeatureStart_[0] = 0;
  rows_ = rows;
  cols_ = cols;
  assigned_ = true;
  return true;
}

template <typename Scalar>
void SparseGradient<Scalar>::backwardParams(ConstMatrixView<Scalar> in, MatrixView<Scalar> dWeight,
                                            Scalar* dBias) const {
  assert(assigned_ && dWeight.rows() == cols_ && in.rows() == rows_);
  const Eigen::Index width = in.cols();
  const double work = static_cast<double>(cols_) * static_cast<double>(width) +
                      static_cast<double>(byFeatureValue_.size()) * static_cast<double>(width);
  forRanges(cols_, kParts, 1, work >= kParallelWork, [&](Eigen::Index begin, Eigen::Index end) {
    for (Eigen::Index f = begin; f < end; ++f) {
      Scalar* row = dWeight.data() + f * dWeight.outerStride();
      std::fill(row, row + width, Scalar(0));
      Scalar biasSum = 0;
      for (int k = byFeatureStart_[static_cast<std::size_t>(f)];
           k < byFeatureStart_[static_cast<std::size_t>(f) + 1]; ++k) {
        const Scalar g = byFeatureValue_[static_cast<std::size_t>(k)];
        const Scalar* x = in.data() + static_cast<Eigen::Index>(byFeatureRow_[static_cast<std::size_t>(k)]) *
                                          in.outerStride();
        for (Eigen::Index i = 0; i < width; ++i) row[i] += g * x[i];
        biasSum += g;
      }
      if (dBias != nullptr) dBias[f] = biasSum;
    }
  });
}

template <typename Scalar>
void SparseGradient<Scalar>::backwardInput(ConstMatrixView<Scalar> weight, MatrixView<Scalar> dIn,
                                           bool accumulate) const {
  assert(assigned_ && weight.rows() == cols_ && dIn.rows() == rows_);
  const Eigen::Index width = weight.cols();
  const double work = static_cast<double>(rows_) * static_cast<double>(width) +
                      static_cast<double>(byRowValue_.size()) * static_cast<double>(width);
  auto weightRow = [&](int k) {
    return weight.data() +
           static_cast<Eigen::Index>(byRowFeature_[static_cast<std::size_t>(k)]) * weight.outerStride();
  };
  forRanges(rows_, kParts, 1, work >= kParallelWork, [&](Eigen::Index begin, Eigen::Index end) {
    for (Eigen::Index r = begin; r < end; ++r) {
      Scalar* row = dIn.data() + r * dIn.outerStride();
      if (!accumulate) std::fill(row, row + width, Scalar(0));
      const int rowEnd = byRowStart_[static_cast<std::size_t>(r) + 1];
      for (int k = byRowStart_[static_cast<std::size_t>(r)]; k < rowEnd; ++k) {
        const Scalar g = byRowValue_[static_cast<std::size_t>(k)];
        const Scalar* w = weightRow(k);
        if (k + 1 < rowEnd)
          prefetchValues(weightRow(k + 1), width);  // rows come in no order memory can guess
        for (Eigen::Index i = 0; i < width; ++i) row[i] += g * w[i];
      }
    }
  });
}

template class SparseGradient<float>;
template class SparseGradient<double>;

}  // namespace melodyvae::nn
