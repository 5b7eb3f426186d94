// The VAE's computation over one parameter block, templated on the scalar so tests can run the very same
// code in double precision for finite-difference checks. Vae (vae.h) is Network<float> behind a stable API.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/nn/adam.h"
#include "core/nn/matrix_view.h"
#include "core/nn/sparse_gradient.h"
#include "core/nn/sparse_rows.h"
#include "core/vae/hidden_layer.h"
#include "core/vae/model_shape.h"
#include "core/vae/noise_source.h"
#include "core/vae/tensor_layout.h"
#include "core/vae/vae.h"

namespace melodyvae::vae {

// How a training step treats the velocity, duration and offset output layers, whose masked losses read only
// the cells that hold an onset (~3% of them): kOnsetCells computes their logits there alone and runs their
// backward products over the gradient's non-zeros; kEveryCell computes every cell with the dense products,
// as PyTorch does. The loss and the gradients are the same up to rounding (tests compare the two).
enum class MaskedPlanes { kOnsetCells, kEveryCell };

template <typename Scalar>
class Network {
 public:
  Network(const ModelShape& shape, std::uint64_t initSeed);

  const ModelShape& shape() const { return shape_; }
  const TensorLayout& layout() const { return layout_; }
  std::span<Scalar> parameters() { return parameters_; }
  std::span<const Scalar> parameters() const { return parameters_; }
  std::span<Scalar> gradients() { return gradients_; }
  std::span<const Scalar> gradients() const { return gradients_; }
  std::span<Scalar> batchNormState() { return batchNormState_; }
  std::span<const Scalar> batchNormState() const { return batchNormState_; }

  void reserve(int maxBatch);
  void setMaskedPlanes(MaskedPlanes masked) { maskedPlanes_ = masked; }  // kOnsetCells unless changed
  // See Vae::trainStep / evaluate / encodeMean / decode.
  LossParts trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise);
  // The same, then one Adam step, each layer's tensors updated as soon as backward is done with them
  // (float only; std::logic_error otherwise).
  LossParts trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise, nn::Adam& adam,
                      float learningRate);
  LossParts evaluate(const PlaneBatch& batch, float klWeight);
  void encodeMean(const PlaneBatch& batch, Scalar* meanOut);  // [batch, latent]
  void decode(const Scalar* z, int count,
              std::array<Scalar*, 4> planesOut);  // [count, latent] -> 4 x [count, cells]

  // Results of the last forward pass, for tests.
  nn::ConstMatrixView<Scalar> mean() const;         // [batch, latent]
  nn::ConstMatrixView<Scalar> logVariance() const;  // [batch, latent]
  nn::ConstMatrixView<Scalar> latent() const;       // z, [batch, latent]
  // After sigmoid / tanh, [batch, cells]. After a training step with MaskedPlanes::kOnsetCells, planes 1-3
  // (velocity, duration, offset) hold the model's values only at the cells whose onset target is non-zero;
  // elsewhere the head of a zero logit.
  nn::ConstMatrixView<Scalar> output(int plane) const;

 private:
  enum class Mode { kTrain, kEval };
  void checkBatch(const PlaneBatch& batch, const char* caller) const;
  void encode(const PlaneBatch& batch, Mode mode, NoiseSource* noise);
  void decodeFromLatent(Mode mode, NoiseSource* noise);
  // The loss of the last forward pass; withGradients: also its gradient at the logits (dLogits_).
  LossParts loss(const PlaneBatch& batch, float klWeight, bool withGradients);
  // From dLogits_ back to every parameter gradient (overwritten); with adam_ set, also the update of each
  // layer's tensors once backward no longer needs their values.
  void backward(float klWeight);
  void updateDense(const DenseOffsets& dense);
  void updateLayer(const HiddenLayerOffsets& layer);

  ModelShape shape_;
  TensorLayout layout_;
  std::vector<Scalar> parameters_;
  std::vector<Scalar> gradients_;
  std::vector<Scalar> batchNormState_;

  nn::Adam* adam_ = nullptr;  // during trainStep with an optimizer only
  MaskedPlanes maskedPlanes_ = MaskedPlanes::kOnsetCells;
  int batch_ = 0;     // rows of the last forward pass
  int capacity_ = 0;  // rows the buffers hold
  std::array<nn::SparseRows, 4> inputs_;
  std::array<HiddenLayer<Scalar>, 4> encoderPlanes_;
  HiddenLayer<Scalar> merge_;
  HiddenLayer<Scalar> decoderInput_;
  std::array<HiddenLayer<Scalar>, 4> branches_;
  std::vector<Scalar> concat_;        // [batch, 4 * planeHidden] encoder plane features, plane after plane
  std::vector<Scalar> dConcat_;       // [batch, 4 * planeHidden]
  std::vector<Scalar> encoded_;       // [batch, mergeHidden] merge layer output
  std::vector<Scalar> dEncoded_;      // [batch, mergeHidden]
  std::vector<Scalar> mean_;          // [batch, latent]
  std::vector<Scalar> logVariance_;   // [batch, latent]
  std::vector<Scalar> z_;             // [batch, latent]
  std::vector<Scalar> dMean_;         // [batch, latent]
  std::vector<Scalar> dLogVariance_;  // [batch, latent]
  std::vector<Scalar> dZ_;            // [batch, latent]
  std::vector<float> eps_;            // [batch, latent]
  std::vector<Scalar> hidden_;        // [batch, decoderHidden] decoder input layer output
  std::vector<Scalar> dHidden_;       // [batch, decoderHidden]
  std::array<std::vector<Scalar>, 4> branchOut_;  // [batch, branchHidden] each
  std::vector<Scalar> dBranchOut_;                // [batch, branchHidden]
  std::array<std::vector<Scalar>, 4> logits_;     // [batch, cells] each
  std::array<std::vector<Scalar>, 4> outputs_;    // [batch, cells] each, after sigmoid / tanh
  std::array<std::vector<Scalar>, 4> dLogits_;    // [batch, cells] each
  nn::SparseGradient<Scalar> sparseDLogits_;      // one plane's dLogits_ when mostly zero (masked planes)
  std::vector<double> rowLoss_;                   // [4, batch] each row's loss, before the plane weights
};

}  // namespace melodyvae::vae
