// Vae: the float network behind the stable API of vae.h.
#include "core/vae/vae.h"

#include "core/vae/network.h"

namespace melodyvae::vae {

Vae::Vae(const ModelShape& shape, std::uint64_t initSeed)
    : network_(std::make_unique<Network<float>>(shape, initSeed)) {}
Vae::Vae(const Vae& other) : network_(std::make_unique<Network<float>>(*other.network_)) {}
Vae& Vae::operator=(const Vae& other) {
  if (this != &other) network_ = std::make_unique<Network<float>>(*other.network_);
  return *this;
}
Vae::Vae(Vae&&) noexcept = default;
Vae& Vae::operator=(Vae&&) noexcept = default;
Vae::~Vae() = default;

const ModelShape& Vae::shape() const {
  return network_->shape();
}
std::span<float> Vae::parameters() {
  return network_->parameters();
}
std::span<const float> Vae::parameters() const {
  return network_->parameters();
}
std::span<float> Vae::gradients() {
  return network_->gradients();
}
std::span<const float> Vae::gradients() const {
  return network_->gradients();
}
const std::vector<TensorView>& Vae::parameterTensors() const {
  return network_->layout().parameters;
}
std::span<float> Vae::batchNormState() {
  return network_->batchNormState();
}
std::span<const float> Vae::batchNormState() const {
  return network_->batchNormState();
}
const std::vector<TensorView>& Vae::batchNormTensors() const {
  return network_->layout().batchNorm;
}

void Vae::reserve(int maxBatch) {
  network_->reserve(maxBatch);
}

LossParts Vae::trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise) {
  return network_->trainStep(batch, klWeight, noise);
}
LossParts Vae::trainStep(const PlaneBatch& batch, float klWeight, NoiseSource& noise, nn::Adam& adam,
                         float learningRate) {
  return network_->trainStep(batch, klWeight, noise, adam, learningRate);
}
LossParts Vae::evaluate(const PlaneBatch& batch, float klWeight) {
  return network_->evaluate(batch, klWeight);
}
void Vae::encodeMean(const PlaneBatch& batch, float* meanOut) {
  network_->encodeMean(batch, meanOut);
}
void Vae::decode(const float* z, int count, std::array<float*, 4> planesOut) {
  network_->decode(z, count, planesOut);
}

}  // namespace melodyvae::vae
