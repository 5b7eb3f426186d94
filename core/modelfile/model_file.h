// Saving and loading a whole MelodyVAE model (every parameter, the batch-norm state and the metadata) as
// one safetensors file; tensor names follow docs/model-tensors.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/modelfile/model_file_error.h"
#include "core/modelfile/model_metadata.h"
#include "core/vae/vae.h"

namespace melodyvae::modelfile {

struct LoadedModel {
  vae::Vae model;
  ModelMetadata metadata;
};

// The file's bytes for `model` and `metadata`, with the CRC-32 of the data section in the metadata.
// `label` names the destination in errors.
std::vector<std::uint8_t> encodeModel(const vae::Vae& model, const ModelMetadata& metadata,
                                      const std::string& label = "<memory>");

// Validates everything (container, metadata, the data section's CRC-32, every expected tensor present with
// its shape, no unknown tensor, finite values, non-negative running variances) and builds a new model.
// Throws ModelFileError naming `label` and the first problem (a missing, unexpected or wrongly shaped
// tensor by name).
LoadedModel decodeModel(std::span<const std::uint8_t> bytes, const std::string& label = "<memory>");

// Writes atomically (temporary file + rename): a crash never leaves half a model at `path`.
// Throws ModelFileError (naming the path) when the file cannot be written.
void saveModel(const std::filesystem::path& path, const vae::Vae& model, const ModelMetadata& metadata);

// Reads and decodes `path`. The result is a new object: assign it over a model in use only once this
// returns (`current = loadModel(path);`), so a failed load leaves the model in memory untouched.
LoadedModel loadModel(const std::filesystem::path& path);

// Number of parameter and batch-norm floats a model of `shape` has (docs/model-tensors.md), computed
// without building it; used to refuse a file whose metadata asks for an absurd model.
std::uint64_t parameterCount(const vae::ModelShape& shape);
std::uint64_t batchNormStateCount(const vae::ModelShape& shape);

}  // namespace melodyvae::modelfile
