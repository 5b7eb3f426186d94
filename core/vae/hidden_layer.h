// The model's repeated hidden layer after its dense product: BatchNorm -> LeakyReLU -> Dropout, with the
// buffers its backward pass needs. The dense product itself is the network's (its input differs per layer).
#pragma once

#include <vector>

#include "core/nn/matrix_view.h"
#include "core/nn/norm_leaky_dropout.h"
#include "core/vae/model_shape.h"
#include "core/vae/noise_source.h"
#include "core/vae/tensor_layout.h"

namespace melodyvae::vae {

template <typename Scalar>
class HiddenLayer {
 public:
  HiddenLayer() = default;
  explicit HiddenLayer(const HiddenLayerOffsets& offsets) : offsets_(offsets) {}

  const HiddenLayerOffsets& offsets() const { return offsets_; }
  int features() const { return offsets_.dense.outFeatures; }
  // Grow the buffers to hold maxBatch rows (never shrinks).
  void reserve(int maxBatch);
  // The dense product goes here before activateTrain/activateEval.  // [batch, features]
  nn::MatrixView<Scalar> preActivation(int batch);

  // Batch-statistics norm (running averages updated in batchNormState), leaky ReLU, dropout with a mask
  // drawn from noise. out [batch, features] (may be a column block of a wider buffer).
  void activateTrain(int batch, const ModelShape& shape, const Scalar* parameters, Scalar* batchNormState,
                     NoiseSource& noise, nn::MatrixView<Scalar> out);
  // Running-statistics norm and leaky ReLU, no dropout.
  void activateEval(int batch, const ModelShape& shape, const Scalar* parameters,
                    const Scalar* batchNormState, nn::MatrixView<Scalar> out);
  // From dOut [batch, features] back to the gradient of the dense product (returned view into this layer's
  // buffer), adding dGamma and dBeta into gradients.
  nn::MatrixView<Scalar> backward(int batch, const ModelShape& shape, nn::ConstMatrixView<Scalar> dOut,
                                  const Scalar* parameters, Scalar* gradients);

 private:
  // The fused kernels' view of this layer's parameters and buffers.
  nn::NormLeakyDropout<Scalar> fused(const ModelShape& shape, const Scalar* parameters);

  HiddenLayerOffsets offsets_;
  int capacity_ = 0;
  std::vector<Scalar> preActivation_;  // [batch, features] dense output; then reused for its gradient
  std::vector<Scalar> normalized_;     // [batch, features] xhat
  std::vector<Scalar> normOutput_;     // [batch, features] leaky ReLU input
  std::vector<float> keepMask_;        // [batch, features]
  std::vector<Scalar> batchMean_;      // [features]
  std::vector<Scalar> batchVariance_;  // [features]
  std::vector<Scalar> invStd_;         // [features]
  std::vector<Scalar> scratch_;        // [2 * features]
};

}  // namespace melodyvae::vae
