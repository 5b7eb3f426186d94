// Where every tensor lives in the parameter and batch-norm blocks (docs/model-tensors.md), with the offsets
// the network reads them from.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "core/vae/model_shape.h"
#include "core/vae/vae.h"

namespace melodyvae::vae {

inline constexpr std::array<const char*, 4> kPlaneNames = {"onset", "velocity", "duration", "offset"};

struct DenseOffsets {
  std::size_t weight = 0;  // [outFeatures, inFeatures]
  std::size_t bias = 0;    // [outFeatures]
  int inFeatures = 0;
  int outFeatures = 0;
};

// Dense -> BatchNorm -> LeakyReLU -> Dropout.
struct HiddenLayerOffsets {
  DenseOffsets dense;
  std::size_t gamma = 0;            // parameters, [outFeatures]
  std::size_t beta = 0;             // parameters, [outFeatures]
  std::size_t runningMean = 0;      // batch-norm state, [outFeatures]
  std::size_t runningVariance = 0;  // batch-norm state, [outFeatures]
};

struct TensorLayout {
  std::array<HiddenLayerOffsets, 4> encoderPlanes;
  HiddenLayerOffsets merge;
  DenseOffsets mean;
  DenseOffsets logVariance;
  HiddenLayerOffsets decoderInput;
  std::array<HiddenLayerOffsets, 4> branches;
  std::array<DenseOffsets, 4> outputs;

  std::vector<TensorView> parameters;
  std::size_t parameterCount = 0;
  std::vector<TensorView> batchNorm;
  std::size_t batchNormCount = 0;
};

// Throws std::invalid_argument naming the field if a size in the shape is not positive.
TensorLayout buildTensorLayout(const ModelShape& shape);

}  // namespace melodyvae::vae
