// Preparing the real-time snapshot (batch norm folded into the dense layers in double precision) and the
// allocation-free single-vector passes.
#include "core/vae/realtime_model.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <thread>

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

// One layer: Dense -> eval-mode BatchNorm folded, into target; the folded float weight and bias stay in
// weight [out, in] and bias [out] for the caller.
void assignFolded(nn::InputMajorDense& target, const HiddenLayerOffsets& layer,
                  std::span<const float> parameters, std::span<const float> state, float epsilon,
                  nn::WeightPrecision precision, std::vector<float>& weight, std::vector<float>& bias) {
  weight.clear();
  bias.clear();
  appendFolded(layer, parameters, state, epsilon, weight, bias);
  target.assign(layer.dense.inFeatures, layer.dense.outFeatures, weight.data(), bias.data(), precision);
}

void assignFolded(nn::InputMajorDense& target, const HiddenLayerOffsets& layer,
                  std::span<const float> parameters, std::span<const float> state, float epsilon,
                  nn::WeightPrecision precision) {
  std::vector<float> weight, bias;
  assignFolded(target, layer, parameters, state, epsilon, precision, weight, bias);
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
  const auto hidden = static_cast<std::size_t>(shape_.decoderHidden);
  const auto branchHidden = static_cast<std::size_t>(shape_.branchHidden);
  // The tiny layers (latent -> hidden, hidden -> latent) stay float32 whatever the precision.
  std::vector<float> w1, b1, w2, b2;
  assignFolded(decoderInput_, layout.decoderInput, params, state, epsilon, nn::WeightPrecision::kFloat32, w1,
               b1);
  std::vector<float> w2All;  // every branch's folded first weight, [4 * branchHidden, hidden]
  for (std::size_t p = 0; p < 4; ++p) {
    assignFolded(branches_[p], layout.branches[p], params, state, epsilon, precision, w2, b2);
    w2All.insert(w2All.end(), w2.begin(), w2.end());
    assignPlain(outputs_[p], layout.outputs[p], params, precision);
    assignFolded(encoderPlanes_[p], layout.encoderPlanes[p], params, state, epsilon, precision);
  }
  pieces_.prepare(w1, b1, w2All, shape_.latent, shape_.leakySlope);
  assignFolded(merge_, layout.merge, params, state, epsilon, precision);
  assignPlain(mean_, layout.mean, params, nn::WeightPrecision::kFloat32);
  hidden_.assign(hidden, 0.0f);
  rows_.assign(hidden, 0);
  rowValues_.assign(hidden, 0.0f);
  branchOut_.assign(4 * branchHidden, 0.0f);
  concat_.assign(4 * static_cast<std::size_t>(shape_.planeHidden), 0.0f);
  encoded_.assign(static_cast<std::size_t>(shape_.mergeHidden), 0.0f);
  const int hardware = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const bool twoThreads = std::min(options.threads, hardware) >= 2;
  if (twoThreads && !partner_) partner_ = std::make_unique<nn::PartnerThread>();
  if (!twoThreads) partner_.reset();
  prepared_ = true;
}

void RealtimeModel::decodeOne(const float* z, std::array<float*, 4> planesOut) noexcept {
  assert(prepared_);
  decoderInput_.forward(z, hidden_.data(), options_.kernel);
  piece_ = pieces_.choose(z, hidden_.data(), rows_.data(), rowValues_.data(), &rowCount_);
  z_ = z;
  planesOut_ = planesOut;
  auto branch = [this](int p) { decodeBranch(p); };
  if (partner_) {
    partner_->run(4, branch);
  } else {
    for (int p = 0; p < 4; ++p) branch(p);
  }
}

void RealtimeModel::decodeBranch(int p) noexcept {
  const nn::KernelChoice kernel = options_.kernel;
  const auto width = static_cast<std::size_t>(shape_.branchHidden);
  const std::size_t first = static_cast<std::size_t>(p) * width;
  float* __restrict branch = branchOut_.data() + first;
  branches_[static_cast<std::size_t>(p)].forwardRows(rows_.data(), rowValues_.data(), rowCount_, branch,
                                                     kernel);
  pieces_.addAffine(piece_, z_, first, width, branch);
  nn::leakyReluInPlace(branch, shape_.branchHidden, shape_.leakySlope);
  float* out = planesOut_[static_cast<std::size_t>(p)];
  outputs_[static_cast<std::size_t>(p)].forward(branch, out, kernel);  // logits, then the head in place
  if (p == 3) {
    nn::tanhInPlace(out, shape_.cells, kernel);
  } else {
    nn::sigmoidInPlace(out, shape_.cells, kernel);
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
