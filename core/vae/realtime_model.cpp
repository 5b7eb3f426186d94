// Preparing the real-time snapshot (batch norm folded into the dense layers in double precision) and the
// allocation-free single-vector passes.
#include "core/vae/realtime_model.h"

#include <cassert>
#include <cmath>
#include <cstddef>

#include "core/vae/tensor_layout.h"

namespace melodyvae::vae {

namespace {

// Appends Dense -> eval-mode BatchNorm as one dense layer: W' = W * s, b' = (b - mean) * s + beta with
// s = gamma / sqrt(variance + epsilon), per output. weight [out, in] and bias [out] are appended to.
void appendFolded(const HiddenLayerOffsets& layer, std::span<const float> parameters,
                  std::span<const float> state, float epsilon, std::vector<float>& weight,
                  std::vector<float>& bias) {
  const DenseOffsets& dense = layer.dense;
  const auto in = static_cast<std::size_t>(dense.inFeatures);
  for (std::size_t o = 0; o < static_cast<std::size_t>(dense.outFeatures); ++o) {
    const double scale =
        static_cast<double>(parameters[layer.gamma + o]) /
        std::sqrt(static_cast<double>(state[layer.runningVariance + o]) + static_cast<double>(epsilon));
    for (std::size_t j = 0; j < in; ++j) {
      weight.push_back(
          static_cast<float>(static_cast<double>(parameters[dense.weight + o * in + j]) * scale));
    }
    bias.push_back(static_cast<float>((static_cast<double>(parameters[dense.bias + o]) -
                                       static_cast<double>(state[layer.runningMean + o])) *
                                          scale +
                                      static_cast<double>(parameters[layer.beta + o])));
  }
}

void assignFolded(nn::InputMajorDense& target, std::initializer_list<const HiddenLayerOffsets*> layers,
                  std::span<const float> parameters, std::span<const float> state, float epsilon,
                  nn::WeightPrecision precision) {
  std::vector<float> weight;  // [sum of outputs, in]
  std::vector<float> bias;
  int outputs = 0;
  for (const HiddenLayerOffsets* layer : layers) {
    appendFolded(*layer, parameters, state, epsilon, weight, bias);
    outputs += layer->dense.outFeatures;
  }
  target.assign((*layers.begin())->dense.inFeatures, outputs, weight.data(), bias.data(), precision);
}

void assignPlain(nn::InputMajorDense& target, const DenseOffsets& dense, std::span<const float> parameters,
                 nn::WeightPrecision precision) {
  target.assign(dense.inFeatures, dense.outFeatures, parameters.data() + dense.weight,
                parameters.data() + dense.bias, precision);
}

}  // namespace

RealtimeModel::RealtimeModel(const Vae& model, RealtimeOptions options) {
  prepare(model, options);
}

void RealtimeModel::prepare(const Vae& model, RealtimeOptions options) {
  shape_ = model.shape();
  options_ = options;
  const TensorLayout layout = buildTensorLayout(shape_);
  const std::span<const float> params = model.parameters();
  const std::span<const float> state = model.batchNormState();
  const float epsilon = shape_.batchNormEpsilon;
  const nn::WeightPrecision precision = options.precision;
  // The tiny layers (latent -> hidden, hidden -> latent) stay float32 whatever the precision.
  assignFolded(decoderInput_, {&layout.decoderInput}, params, state, epsilon, nn::WeightPrecision::kFloat32);
  assignFolded(branches_,
               {&layout.branches[0], &layout.branches[1], &layout.branches[2], &layout.branches[3]}, params,
               state, epsilon, precision);
  for (std::size_t p = 0; p < 4; ++p) {
    assignPlain(outputs_[p], layout.outputs[p], params, precision);
    assignFolded(encoderPlanes_[p], {&layout.encoderPlanes[p]}, params, state, epsilon, precision);
  }
  assignFolded(merge_, {&layout.merge}, params, state, epsilon, precision);
  assignPlain(mean_, layout.mean, params, nn::WeightPrecision::kFloat32);
  hidden_.assign(static_cast<std::size_t>(shape_.decoderHidden), 0.0f);
  branchOut_.assign(4 * static_cast<std::size_t>(shape_.branchHidden), 0.0f);
  concat_.assign(4 * static_cast<std::size_t>(shape_.planeHidden), 0.0f);
  encoded_.assign(static_cast<std::size_t>(shape_.mergeHidden), 0.0f);
  prepared_ = true;
}

std::size_t RealtimeModel::decoderWeightBytes() const {
  const std::size_t bytes = options_.precision == nn::WeightPrecision::kFloat32    ? 4
                            : options_.precision == nn::WeightPrecision::kBFloat16 ? 2
                                                                                   : 1;
  std::size_t values =
      static_cast<std::size_t>(branches_.inputs()) * static_cast<std::size_t>(branches_.outputs());
  for (const nn::InputMajorDense& out : outputs_) {
    values += static_cast<std::size_t>(out.inputs()) * static_cast<std::size_t>(out.outputs());
  }
  return values * bytes + static_cast<std::size_t>(decoderInput_.inputs()) *
                              static_cast<std::size_t>(decoderInput_.outputs()) * sizeof(float);
}

void RealtimeModel::decodeOne(const float* z, std::array<float*, 4> planesOut) noexcept {
  assert(prepared_);
  const nn::KernelChoice kernel = options_.kernel;
  const float slope = shape_.leakySlope;
  decoderInput_.forward(z, hidden_.data(), kernel);
  nn::leakyReluInPlace(hidden_.data(), shape_.decoderHidden, slope);
  branches_.forward(hidden_.data(), branchOut_.data(), kernel);
  nn::leakyReluInPlace(branchOut_.data(), 4 * shape_.branchHidden, slope);
  for (std::size_t p = 0; p < 4; ++p) {
    const float* branch = branchOut_.data() + p * static_cast<std::size_t>(shape_.branchHidden);
    float* out = planesOut[p];
    outputs_[p].forward(branch, out, kernel);  // logits, then the head in place
    if (p == 3) {
      nn::tanhInPlace(out, shape_.cells, kernel);
    } else {
      nn::sigmoidInPlace(out, shape_.cells, kernel);
    }
  }
}

void RealtimeModel::encodeOne(std::array<const float*, 4> planes, float* meanOut) noexcept {
  assert(prepared_);
  const nn::KernelChoice kernel = options_.kernel;
  const float slope = shape_.leakySlope;
  for (std::size_t p = 0; p < 4; ++p) {
    float* block = concat_.data() + p * static_cast<std::size_t>(shape_.planeHidden);
    encoderPlanes_[p].forwardSparse(planes[p], block, kernel);
    nn::leakyReluInPlace(block, shape_.planeHidden, slope);
  }
  merge_.forward(concat_.data(), encoded_.data(), kernel);
  nn::leakyReluInPlace(encoded_.data(), shape_.mergeHidden, slope);
  mean_.forward(encoded_.data(), meanOut, kernel);
}

}  // namespace melodyvae::vae
