// Loads a PyTorch parity fixture written by tools/torch_reference.py (JSON index + float32 little-endian
// blob) and recreates its weights and noise on the C++ side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/vae/model_shape.h"
#include "core/vae/network.h"
#include "core/vae/noise_source.h"

namespace melodyvae::vae::testing {

class ParityFixture {
 public:
  // Reads tests/data/parity/<name>.json and .bin; throws std::runtime_error naming the file on failure.
  explicit ParityFixture(const std::string& name);

  const nlohmann::json& meta() const { return meta_; }
  ModelShape shape() const;
  int batch() const { return meta_.at("batch").get<int>(); }
  bool has(const std::string& tensor) const { return meta_.at("tensors").contains(tensor); }
  const nlohmann::json& entry(const std::string& tensor) const;
  // The stored values (for sampled tensors: every stride-th value of the whole tensor).
  std::span<const float> values(const std::string& tensor) const;

 private:
  nlohmann::json meta_;
  std::vector<float> data_;
};

// The values torch_reference.py's weight_values() gives a tensor (bit-identical counter hash).
std::vector<float> referenceValues(const std::string& name, const std::vector<int>& shape,
                                   std::uint32_t tensorIndex);
// Fill a network's parameters and batch-norm state the way the reference did.
void loadReferenceWeights(Network<float>& network);

// Replays the fixture's dropout masks and eps in the order NoiseSource documents.
class FixtureNoise final : public NoiseSource {
 public:
  explicit FixtureNoise(const ParityFixture& fixture);
  void normal(std::span<float> out) override;
  void keepMask(std::span<float> out, float dropRate) override;

 private:
  const ParityFixture& fixture_;
  std::deque<std::string> masks_;
};

}  // namespace melodyvae::vae::testing
