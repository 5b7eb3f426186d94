// Decoder weight bending relative to each tensor's spread, restorable exactly.
#include "core/generation/bending.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/vae/noise_source.h"

namespace melodyvae::generation {

Bender::Bender(vae::Vae& model) : model_(model) {
  std::size_t largest = 0;
  for (const vae::TensorView& view : model_.parameterTensors()) {
    if (view.inDecoder && !view.isBias && view.name.ends_with(".weight")) {
      tensors_.push_back({view.name, view.offset, view.size, 0.0f});
      largest = std::max(largest, view.size);
    }
  }
  noise_.resize(largest);
  rebase();
}

void Bender::rebase() {
  const std::span<const float> parameters = model_.parameters();
  unbent_.clear();
  for (BentTensor& tensor : tensors_) {
    const std::span<const float> values = parameters.subspan(tensor.offset, tensor.size);
    unbent_.insert(unbent_.end(), values.begin(), values.end());
    double sum = 0.0;
    for (const float v : values) sum += v;
    const double mean = values.empty() ? 0.0 : sum / static_cast<double>(values.size());
    double squares = 0.0;
    for (const float v : values) squares += (v - mean) * (v - mean);
    tensor.spread =
        values.empty() ? 0.0f : static_cast<float>(std::sqrt(squares / static_cast<double>(values.size())));
  }
  amount_ = 0.0;
}

void Bender::bend(double amount, std::uint64_t seed) {
  if (!(amount >= 0.0) || !std::isfinite(amount)) {
    throw std::invalid_argument("bend amount " + std::to_string(amount) + " must be a number >= 0");
  }
  const std::span<float> parameters = model_.parameters();
  vae::RandomNoise random(seed);
  std::size_t saved = 0;
  for (const BentTensor& tensor : tensors_) {
    float* target = parameters.data() + tensor.offset;
    const float* original = unbent_.data() + saved;
    if (amount == 0.0) {
      std::copy(original, original + tensor.size, target);
    } else {
      const std::span<float> noise(noise_.data(), tensor.size);
      random.normal(noise);
      const float scale = static_cast<float>(amount) * tensor.spread;
      for (std::size_t i = 0; i < tensor.size; ++i) target[i] = original[i] + scale * noise[i];
    }
    saved += tensor.size;
  }
  amount_ = amount;
}

}  // namespace melodyvae::generation
