// Adam with bias correction, PyTorch's update rule (torch.optim.Adam, no weight decay, no amsgrad):
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//   p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
// epsilon defaults to 1e-7 (Keras' default, which the original model trained with); tools/torch_reference.py
// passes the same epsilon to torch.optim.Adam so the parity fixture checks this exact rule. (Keras adds
// epsilon to sqrt(v) before the bias correction instead; the two differ only while sqrt(v) ~ epsilon.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace melodyvae::nn {

struct AdamSettings {
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float epsilon = 1e-7f;
};

class Adam {
 public:
  explicit Adam(std::size_t parameterCount, AdamSettings settings = {});

  // One update of every parameter; params and grads must both hold size() values (std::invalid_argument).
  void step(std::span<float> params, std::span<const float> grads, float learningRate);
  // The same step in pieces, so that a backward pass can update each tensor while its gradient is still in
  // cache (Vae::trainStep with an optimizer): beginStep(), then update() over every value of the block
  // exactly once, in any order. The update is element-wise, so the result equals step() bit for bit.
  // Throws std::invalid_argument if a size differs or [offset, offset + count) leaves the block.
  void beginStep(float learningRate);
  void update(std::span<float> params, std::span<const float> grads, std::size_t offset, std::size_t count);
  // Forget the moments and the step count (a fresh optimizer for the same parameter count).
  void reset();

  std::size_t size() const { return firstMoment_.size(); }
  const AdamSettings& settings() const { return settings_; }
  std::int64_t stepCount() const { return steps_; }
  std::span<const float> firstMoment() const { return firstMoment_; }    // m, [size]
  std::span<const float> secondMoment() const { return secondMoment_; }  // v, [size]
  // Restore a saved state; throws std::invalid_argument naming the argument if a size differs or steps < 0.
  void restore(std::int64_t steps, std::span<const float> firstMoment, std::span<const float> secondMoment);

 private:
  void checkSizes(std::size_t params, std::size_t grads, const char* caller) const;

  AdamSettings settings_;
  std::int64_t steps_ = 0;
  float stepSize_ = 0;         // of the step begun last: learning rate / (1 - beta1^t)
  float sqrtCorrection2_ = 0;  // sqrt(1 - beta2^t)
  std::vector<float> firstMoment_;
  std::vector<float> secondMoment_;
};

}  // namespace melodyvae::nn
