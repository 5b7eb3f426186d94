// The gradient at a dense layer's output when most of it is zero, so that the layer's backward pass costs
// in proportion to its non-zeros. The masked loss of the velocity, duration and offset planes is zero at
// every cell where the loop has no onset (~97% of cells), so their output layers' gradients are this sparse.
// Same maths as denseBackwardParams / denseBackwardInput (core/nn/dense.h), with the zero terms left out.
#pragma once

#include <vector>

#include "core/nn/matrix_view.h"

namespace melodyvae::nn {

template <typename Scalar>
class SparseGradient {
 public:
  // Room for [rows, cols] at maxDensity (the share of non-zero entries beyond which assign() declines),
  // so that assign() never allocates for batches up to `rows`.
  void reserve(int rows, int cols, double maxDensity);

  // Takes the non-zeros of dOut [batch, outFeatures]. Returns false if more than maxDensity of them are
  // non-zero (the dense products are then faster); the backward products must not be called until an
  // assign() has succeeded (asserted).
  bool assign(ConstMatrixView<Scalar> dOut, double maxDensity);

  // dWeight [outFeatures, inFeatures] = dOut^T in, and dBias [outFeatures] (may be null) = the column sums
  // of dOut; written, not added. in: [batch, inFeatures]. Each sum runs over the batch in order.
  void backwardParams(ConstMatrixView<Scalar> in, MatrixView<Scalar> dWeight, Scalar* dBias) const;

  // dIn [batch, inFeatures] = dOut weight (+= when accumulate); weight: [outFeatures, inFeatures].
  void backwardInput(ConstMatrixView<Scalar> weight, MatrixView<Scalar> dIn, bool accumulate) const;

  int nonZeros() const { return static_cast<int>(byRowValue_.size()); }

 private:
  bool assigned_ = false;  // the last assign() succeeded
  int rows_ = 0;
  int cols_ = 0;
  // By sample: row r's entries are [byRowStart_[r], byRowStart_[r + 1]), output features increasing.
  std::vector<int> byRowStart_;
  std::vector<int> byRowFeature_;
  std::vector<Scalar> byRowValue_;
  // By output feature: feature f's entries are [byFeatureStart_[f], byFeatureStart_[f + 1]), samples
  // increasing.
  std::vector<int> byFeatureStart_;
  std::vector<int> byFeatureRow_;
  std::vector<Scalar> byFeatureValue_;
};

}  // namespace melodyvae::nn
