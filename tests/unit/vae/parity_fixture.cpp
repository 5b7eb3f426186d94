// Parity fixture loading, reference weights and replayed noise.
#include "tests/unit/vae/parity_fixture.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace melodyvae::vae::testing {

namespace {

std::string fixturePath(const std::string& name, const char* extension) {
  return std::string(MELODYVAE_TEST_DATA) + "/parity/" + name + extension;
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ParityFixture::ParityFixture(const std::string& name) {
  const std::string jsonPath = fixturePath(name, ".json");
  std::ifstream jsonFile(jsonPath);
  if (!jsonFile) throw std::runtime_error(jsonPath + ": cannot open");
  meta_ = nlohmann::json::parse(jsonFile);
  const std::string binPath = fixturePath(name, ".bin");
  std::ifstream binFile(binPath, std::ios::binary);
  if (!binFile) throw std::runtime_error(binPath + ": cannot open");
  const std::vector<char> bytes((std::istreambuf_iterator<char>(binFile)), std::istreambuf_iterator<char>());
  if (bytes.size() % 4 != 0) throw std::runtime_error(binPath + ": size is not a multiple of 4");
  data_.resize(bytes.size() / 4);
  for (std::size_t i = 0; i < data_.size(); ++i) {  // little-endian on disk, whatever the host
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + 4 * i);
    const std::uint32_t bits = std::uint32_t{b[0]} | std::uint32_t{b[1]} << 8 | std::uint32_t{b[2]} << 16 |
                               std::uint32_t{b[3]} << 24;
    std::memcpy(&data_[i], &bits, 4);
  }
}

ModelShape ParityFixture::shape() const {
  const nlohmann::json& s = meta_.at("shape");
  ModelShape shape;
  shape.cells = s.at("cells").get<int>();
  shape.planeHidden = s.at("planeHidden").get<int>();
  shape.mergeHidden = s.at("mergeHidden").get<int>();
  shape.latent = s.at("latent").get<int>();
  shape.decoderHidden = s.at("decoderHidden").get<int>();
  shape.branchHidden = s.at("branchHidden").get<int>();
  shape.dropout = s.at("dropout").get<float>();
  shape.leakySlope = s.at("leakySlope").get<float>();
  shape.batchNormMomentum = s.at("batchNormMomentum").get<float>();
  shape.batchNormEpsilon = s.at("batchNormEpsilon").get<float>();
  shape.onsetWeight = s.at("onsetWeight").get<float>();
  shape.velocityWeight = s.at("velocityWeight").get<float>();
  shape.durationWeight = s.at("durationWeight").get<float>();
  shape.offsetWeight = s.at("offsetWeight").get<float>();
  return shape;
}

const nlohmann::json& ParityFixture::entry(const std::string& tensor) const {
  const nlohmann::json& tensors = meta_.at("tensors");
  if (!tensors.contains(tensor)) throw std::runtime_error("parity fixture has no tensor " + tensor);
  return tensors.at(tensor);
}

std::span<const float> ParityFixture::values(const std::string& tensor) const {
  const nlohmann::json& e = entry(tensor);
  const auto offset = e.at("offset").get<std::size_t>();
  const auto count = e.at("count").get<std::size_t>();
  if (offset + count > data_.size())
    throw std::runtime_error("parity fixture tensor " + tensor + " is out of range");
  return std::span<const float>(data_).subspan(offset, count);
}

std::vector<float> referenceValues(const std::string& name, const std::vector<int>& shape,
                                   std::uint32_t tensorIndex) {
  std::size_t size = 1;
  for (int d : shape) size *= static_cast<std::size_t>(d);
  std::vector<float> values(size);
  float scale = 0.1f;
  float base = 0.0f;
  if (endsWith(name, ".norm.gamma")) {
    base = 1.0f;
    scale = 0.2f;
  } else if (endsWith(name, ".running_var")) {
    base = 1.0f;
    scale = 0.4f;
  } else if (!(endsWith(name, ".bias") || endsWith(name, ".norm.beta") || endsWith(name, ".running_mean"))) {
    scale = static_cast<float>(std::sqrt(6.0 / (shape[0] + shape[1])));
  }
  for (std::size_t i = 0; i < size; ++i) {
    std::uint32_t x = tensorIndex * 0x9E3779B9u + static_cast<std::uint32_t>(i);  // lowbias32
    x ^= x >> 16;
    x *= 0x7FEB352Du;
    x ^= x >> 15;
    x *= 0x846CA68Bu;
    x ^= x >> 16;
    const float s = static_cast<float>(x >> 8) * 0x1.0p-23f - 1.0f;
    const float scaled = scale * s;
    values[i] = base == 0.0f ? scaled : base + scaled;
  }
  return values;
}

void loadReferenceWeights(Network<float>& network) {
  const TensorLayout& layout = network.layout();
  for (std::size_t i = 0; i < layout.parameters.size(); ++i) {
    const TensorView& view = layout.parameters[i];
    const std::vector<float> values = referenceValues(view.name, view.shape, static_cast<std::uint32_t>(i));
    std::copy(values.begin(), values.end(),
              network.parameters().begin() + static_cast<std::ptrdiff_t>(view.offset));
  }
  for (std::size_t i = 0; i < layout.batchNorm.size(); ++i) {
    const TensorView& view = layout.batchNorm[i];
    const std::vector<float> values =
        referenceValues(view.name, view.shape, static_cast<std::uint32_t>(1000 + i));
    std::copy(values.begin(), values.end(),
              network.batchNormState().begin() + static_cast<std::ptrdiff_t>(view.offset));
  }
}

FixtureNoise::FixtureNoise(const ParityFixture& fixture) : fixture_(fixture) {
  for (const auto& name : fixture.meta().at("maskOrder")) masks_.push_back("mask." + name.get<std::string>());
}

void FixtureNoise::normal(std::span<float> out) {
  const auto eps = fixture_.values("eps");
  if (eps.size() != out.size()) throw std::runtime_error("FixtureNoise: eps size differs from the request");
  std::copy(eps.begin(), eps.end(), out.begin());
}

void FixtureNoise::keepMask(std::span<float> out, float /*dropRate*/) {
  if (masks_.empty()) throw std::runtime_error("FixtureNoise: more masks requested than the fixture holds");
  const auto mask = fixture_.values(masks_.front());
  if (mask.size() != out.size())
    throw std::runtime_error("FixtureNoise: " + masks_.front() + " size differs");
  std::copy(mask.begin(), mask.end(), out.begin());
  masks_.pop_front();
}

}  // namespace melodyvae::vae::testing
