// Model <-> safetensors: tensors by name in block order, metadata as JSON strings, strict checks on load.
#include "core/modelfile/model_file.h"

#include <cmath>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/common/atomic_file.h"
#include "core/modelfile/safetensors.h"
#include "core/vae/tensor_layout.h"

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

// Names and shapes before any value: throws for the first tensor of the layout (block order) that the file
// lacks or holds in another shape, then for the first tensor in the file that the layout does not have.
void checkNamesAndShapes(const vae::TensorLayout& layout, const std::vector<NamedTensor>& tensors,
                         const std::string& label) {
  std::unordered_map<std::string, const NamedTensor*> byName;
  for (const NamedTensor& tensor : tensors) byName.emplace(tensor.name, &tensor);
  std::unordered_set<std::string> expectedNames;
  for (const auto* views : {&layout.parameters, &layout.batchNorm}) {
    for (const vae::TensorView& view : *views) expectedNames.insert(view.name);
  }
  const NamedTensor* firstUnexpected = nullptr;
  for (const NamedTensor& tensor : tensors) {
    if (!expectedNames.contains(tensor.name)) {
      firstUnexpected = &tensor;
      break;
    }
  }
  for (const auto* views : {&layout.parameters, &layout.batchNorm}) {
    for (const vae::TensorView& view : *views) {
      const std::vector<std::int64_t> expected = toInt64(view.shape);
      const auto it = byName.find(view.name);
      if (it == byName.end()) {
        throw ModelFileError(label, "tensor '" + view.name + "' " + shapeText(expected) + " is missing" +
                                        (firstUnexpected ? " (the file has an unexpected tensor '" +
                                                               firstUnexpected->name + "' instead)"
                                                         : std::string()) +
                                        ": the file is incomplete or not a MelodyVAE model");
      }
      if (it->second->shape != expected) {
        throw ModelFileError(label, "tensor '" + view.name + "' has shape " + shapeText(it->second->shape) +
                                        " but the model shape in the metadata needs " + shapeText(expected));
      }
    }
  }
  if (firstUnexpected != nullptr) {
    throw ModelFileError(label, "unexpected tensor '" + firstUnexpected->name +
                                    "': not part of a MelodyVAE model of this shape");
  }
}

// Copies each tensor of `views` from `byName` into `block`, checking that every value is finite (and every
// running variance non-negative). Names and shapes were checked by checkNamesAndShapes.
void takeTensors(const std::vector<vae::TensorView>& views, std::span<float> block,
                 const std::unordered_map<std::string, const NamedTensor*>& byName, const std::string& label,
                 bool nonNegativeVariances) {
  for (const vae::TensorView& view : views) {
    const NamedTensor& tensor = *byName.at(view.name);
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
  }
}

LoadedModel decodeChecked(std::span<const std::uint8_t> bytes, const std::string& label) {
  const SafetensorsContents contents = decodeSafetensors(bytes, label);
  DecodedMetadata decoded = decodeMetadata(contents.metadata, label);
  if (contents.dataCrc32 != decoded.dataCrc32) {
    throw ModelFileError(
        label, "the weights are damaged (checksum mismatch: expected " + crc32Text(decoded.dataCrc32) +
                   ", found " + crc32Text(contents.dataCrc32) + "); retrain the model or restore a backup");
  }

  // The layout is a list of names and shapes, cheap for any shape; the model itself is built only once
  // the file's tensors match it, so an absurd shape in the metadata never allocates an absurd model.
  vae::TensorLayout layout;
  try {
    layout = vae::buildTensorLayout(decoded.shape);
  } catch (const std::invalid_argument& error) {
    throw ModelFileError(label, std::string("metadata 'shape' is unusable: ") + error.what());
  }
  checkNamesAndShapes(layout, contents.tensors, label);

  std::uint64_t valuesInFile = 0;
  for (const NamedTensor& tensor : contents.tensors) valuesInFile += tensor.values.size();
  const std::uint64_t expectedValues = parameterCount(decoded.shape) + batchNormStateCount(decoded.shape);
  if (valuesInFile != expectedValues) {  // cannot happen once names and shapes match; never build then
    throw ModelFileError(label, "the model shape in the metadata needs " + std::to_string(expectedValues) +
                                    " values but the tensors hold " + std::to_string(valuesInFile) +
                                    ": tensors are missing, extra or of the wrong size");
  }

  std::unordered_map<std::string, const NamedTensor*> byName;
  for (const NamedTensor& tensor : contents.tensors) byName.emplace(tensor.name, &tensor);
  vae::Vae model(decoded.shape, 0);
  takeTensors(model.parameterTensors(), model.parameters(), byName, label, false);
  takeTensors(model.batchNormTensors(), model.batchNormState(), byName, label, true);
  return LoadedModel{std::move(model), std::move(decoded.metadata)};
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
  try {
    SafetensorsContents contents;
    contents.metadata = encodeMetadata(model.shape(), metadata, label);
    appendTensors(model.parameterTensors(), model.parameters(), contents.tensors);
    appendTensors(model.batchNormTensors(), model.batchNormState(), contents.tensors);
    contents.metadata[kDataCrc32Key] = crc32Text(tensorDataCrc32(contents.tensors));
    return encodeSafetensors(contents, label);
  } catch (const nlohmann::json::exception& error) {  // e.g. a JSON library refusal not foreseen above
    throw ModelFileError(label, std::string("cannot write the model: ") + error.what());
  }
}

LoadedModel decodeModel(std::span<const std::uint8_t> bytes, const std::string& label) {
  try {
    return decodeChecked(bytes, label);
  } catch (const nlohmann::json::exception& error) {  // every check above should come first; never raw
    throw ModelFileError(label, std::string("cannot read the model: ") + error.what());
  }
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
