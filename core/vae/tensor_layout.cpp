// Lays out the tensors in the order docs/model-tensors.md gives.
#include "core/vae/tensor_layout.h"

#include <stdexcept>
#include <string>

namespace melodyvae::vae {

namespace {

class LayoutBuilder {
 public:
  explicit LayoutBuilder(TensorLayout& layout) : layout_(layout) {}

  std::size_t parameter(const std::string& name, std::vector<int> shape, bool inDecoder, bool isBias) {
    return add(layout_.parameters, layout_.parameterCount, name, std::move(shape), inDecoder, isBias);
  }
  std::size_t state(const std::string& name, int features, bool inDecoder) {
    return add(layout_.batchNorm, layout_.batchNormCount, name, {features}, inDecoder, false);
  }

  DenseOffsets dense(const std::string& prefix, int in, int out, bool inDecoder) {
    DenseOffsets d;
    d.inFeatures = in;
    d.outFeatures = out;
    d.weight = parameter(prefix + ".weight", {out, in}, inDecoder, false);
    d.bias = parameter(prefix + ".bias", {out}, inDecoder, true);
    return d;
  }

  HiddenLayerOffsets hidden(const std::string& prefix, int in, int out, bool inDecoder) {
    HiddenLayerOffsets h;
    h.dense = dense(prefix + ".dense", in, out, inDecoder);
    h.gamma = parameter(prefix + ".norm.gamma", {out}, inDecoder, false);
    h.beta = parameter(prefix + ".norm.beta", {out}, inDecoder, true);
    h.runningMean = state(prefix + ".norm.running_mean", out, inDecoder);
    h.runningVariance = state(prefix + ".norm.running_var", out, inDecoder);
    return h;
  }

 private:
  static std::size_t add(std::vector<TensorView>& views, std::size_t& count, const std::string& name,
                         std::vector<int> shape, bool inDecoder, bool isBias) {
    TensorView view;
    view.name = name;
    view.size = 1;
    for (int dimension : shape) view.size *= static_cast<std::size_t>(dimension);
    view.shape = std::move(shape);
    view.offset = count;
    view.inDecoder = inDecoder;
    view.isBias = isBias;
    count += view.size;
    views.push_back(std::move(view));
    return views.back().offset;
  }

  TensorLayout& layout_;
};

void requirePositive(int value, const char* field) {
  if (value <= 0) {
    throw std::invalid_argument(std::string("ModelShape.") + field + " must be positive, got " +
                                std::to_string(value));
  }
}

}  // namespace

TensorLayout buildTensorLayout(const ModelShape& shape) {
  requirePositive(shape.cells, "cells");
  requirePositive(shape.planeHidden, "planeHidden");
  requirePositive(shape.mergeHidden, "mergeHidden");
  requirePositive(shape.latent, "latent");
  requirePositive(shape.decoderHidden, "decoderHidden");
  requirePositive(shape.branchHidden, "branchHidden");
  if (!(shape.dropout >= 0.0f && shape.dropout < 1.0f)) {
    throw std::invalid_argument("ModelShape.dropout must be in [0, 1), got " + std::to_string(shape.dropout));
  }

  TensorLayout layout;
  LayoutBuilder builder(layout);
  const std::string encoder = "encoder.";
  const std::string decoder = "decoder.";
  for (std::size_t p = 0; p < 4; ++p) {
    layout.encoderPlanes[p] = builder.hidden(encoder + kPlaneNames[p], shape.cells, shape.planeHidden, false);
  }
  layout.merge = builder.hidden("encoder.merge", 4 * shape.planeHidden, shape.mergeHidden, false);
  layout.mean = builder.dense("encoder.mean", shape.mergeHidden, shape.latent, false);
  layout.logVariance = builder.dense("encoder.logvar", shape.mergeHidden, shape.latent, false);
  layout.decoderInput = builder.hidden("decoder.input", shape.latent, shape.decoderHidden, true);
  for (std::size_t p = 0; p < 4; ++p) {
    const std::string prefix = decoder + kPlaneNames[p];
    layout.branches[p] = builder.hidden(prefix, shape.decoderHidden, shape.branchHidden, true);
    layout.outputs[p] = builder.dense(prefix + ".out", shape.branchHidden, shape.cells, true);
  }
  return layout;
}

}  // namespace melodyvae::vae
