// Model <-> safetensors: tensors by name in block order, metadata as JSON strings, strict checks on load.
#include "core/modelfile/model_file.h"

#include <cmath>
#include <unordered_map>

#include "core/common/atomic_file.h"
#include "core/modelfile/safetensors.h"

namespace melodyvae::modelfile {
namespace {

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::vector<std::int64_t> toInt64(const std::vector<int>& shape) {
  return {shape.begin(), shape.end()};
}

void appendTensors(const std::vector<vae::TensorView>& views, std::span<const float> block,
                   std::vector<NamedTensor>& out) {
  for (const vae::TensorView& view : views) {
    const std::span<const float> values = block.subspan(view.offset, view.size);
    out.push_back({view.name, toInt64(view.shape), {values.begin(), values.end()}});
  }
}

// Copies each expected tensor from `byName` into `block`, checking presence, shape and finiteness.
// Found tensors are erased from `byName`, so what remains afterwards is unknown.
void takeTensors(const std::vector<vae::TensorView>& views, std::span<float> block,
                 std::unordered_map<std::string, const NamedTensor*>& byName, const std::string& label,
                 bool nonNegativeVariances) {
  for (const vae::TensorView& view : views) {
    const auto it = byName.find(view.name);
    const std::vector<std::int64_t> expected = toInt64(view.shape);
    if (it == byName.end()) {
      throw ModelFileError(label, "tensor '" + view.name + "' " + shapeText(expected) +
                                      " is missing: the file is incomplete or not a MelodyVAE model");
    }
    const NamedTensor& tensor = *it->second;
    if (tensor.shape != expected) {
      throw ModelFileError(label, "tensor '" + view.name + "' has shape " + shapeText(tensor.shape) +
                                      " but the model shape in the metadata needs " + shapeText(expected));
    }
    for (std::size_t i = 0; i < tensor.values.size(); ++i) {
      const float value = tensor.values[i];
      if (!std::isfinite(value)) {
        throw ModelFileError(label, "tensor '" + view.name + "' holds a non-finite value (" +
                                        std::to_string(value) + ") at index " + std::to_string(i) +
                                        ": the model is damaged");
      }
      if (nonNegativeVariances && view.name.ends_with(".running_var") && value < 0) {
        throw ModelFileError(label, "tensor '" + view.name + "' holds a negative variance at index " +
                                        std::to_string(i) + ": the model is damaged");
      }
    }
    std::copy(tensor.values.begin(), tensor.values.end(),
              block.begin() + static_cast<std::ptrdiff_t>(view.offset));
    byName.erase(it);
  }
}

}  // namespace

std::uint64_t parameterCount(const vae::ModelShape& s) {
  const std::uint64_t cells = static_cast<std::uint64_t>(s.cells);
  const std::uint64_t plane = static_cast<std::uint64_t>(s.planeHidden);
  const std::uint64_t merge = static_cast<std::uint64_t>(s.mergeHidden);
  const std::uint64_t latent = static_cast<std::uint64_t>(s.latent);
  const std::uint64_t decoder = static_cast<std::uint64_t>(s.decoderHidden);
  const std::uint64_t branch = static_cast<std::uint64_t>(s.branchHidden);
  const std::uint64_t encoder = 4 * plane * (cells + 3) + merge * (4 * plane + 3) + 2 * latent * (merge + 1);
  const std::uint64_t decoderCount =
      decoder * (latent + 3) + 4 * (branch * (decoder + 3) + cells * (branch + 1));
  return encoder + decoderCount;
}

std::uint64_t batchNormStateCount(const vae::ModelShape& s) {
  return 2 *
         static_cast<std::uint64_t>(4 * s.planeHidden + s.mergeHidden + s.decoderHidden + 4 * s.branchHidden);
}

std::vector<std::uint8_t> encodeModel(const vae::Vae& model, const ModelMetadata& metadata,
                                      const std::string& label) {
  SafetensorsContents contents;
  contents.metadata = encodeMetadata(model.shape(), metadata);
  appendTensors(model.parameterTensors(), model.parameters(), contents.tensors);
  appendTensors(model.batchNormTensors(), model.batchNormState(), contents.tensors);
  return encodeSafetensors(contents, label);
}

LoadedModel decodeModel(std::span<const std::uint8_t> bytes, const std::string& label) {
  const SafetensorsContents contents = decodeSafetensors(bytes, label);
  DecodedMetadata decoded = decodeMetadata(contents.metadata, label);

  std::uint64_t valuesInFile = 0;
  for (const NamedTensor& tensor : contents.tensors) valuesInFile += tensor.values.size();
  const std::uint64_t expectedValues = parameterCount(decoded.shape) + batchNormStateCount(decoded.shape);
  if (valuesInFile != expectedValues) {
    throw ModelFileError(label, "the model shape in the metadata needs " + std::to_string(expectedValues) +
                                    " values but the tensors hold " + std::to_string(valuesInFile) +
                                    ": tensors are missing, extra or of the wrong size");
  }

  std::unordered_map<std::string, const NamedTensor*> byName;
  for (const NamedTensor& tensor : contents.tensors) byName[tensor.name] = &tensor;
  vae::Vae model(decoded.shape, 0);
  takeTensors(model.parameterTensors(), model.parameters(), byName, label, false);
  takeTensors(model.batchNormTensors(), model.batchNormState(), byName, label, true);
  if (!byName.empty()) {
    throw ModelFileError(label, "unexpected tensor '" + byName.begin()->first +
                                    "': not part of a MelodyVAE model of this shape");
  }
  return LoadedModel{std::move(model), std::move(decoded.metadata)};
}

void saveModel(const std::filesystem::path& path, const vae::Vae& model, const ModelMetadata& metadata) {
  const std::vector<std::uint8_t> bytes = encodeModel(model, metadata, path.string());
  try {
    writeFileAtomically(path, bytes);
  } catch (const FileWriteError& error) {
    throw ModelFileError(path.string(), error.what());
  }
}

LoadedModel loadModel(const std::filesystem::path& path) {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = readWholeFile(path);
  } catch (const FileReadError& error) {
    throw ModelFileError(path.string(), error.what());
  }
  return decodeModel(bytes, path.string());
}

}  // namespace melodyvae::modelfile
