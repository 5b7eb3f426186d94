// Bending: circuit-bending the decoder by adding Gaussian noise to its weight matrices, each scaled to
// that matrix's own spread, always starting from a saved copy of the unbent weights.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/vae/vae.h"

namespace melodyvae::generation {

// Bends the decoder's dense weight tensors ("decoder.*.weight"); biases, batch-norm gamma/beta and the
// batch-norm running statistics are never touched, nor is the encoder. Holds a reference to `model`.
class Bender {
 public:
  // Saves the current decoder weights as the unbent ones and measures each tensor's standard deviation.
  explicit Bender(vae::Vae& model);

  // weight = unbent + amount * spread(tensor) * N(0, 1), noise seeded by `seed`. amount 0 restores the
  // unbent weights bit for bit. Throws std::invalid_argument for a negative or non-finite amount.
  void bend(double amount, std::uint64_t seed);

  // Takes the model's current weights as the new unbent ones (after training or loading into it).
  void rebase();

  double amount() const { return amount_; }

  struct BentTensor {
    std::string name;
    std::size_t offset = 0;  // in floats, in Vae::parameters()
    std::size_t size = 0;
    float spread = 0;  // standard deviation of the unbent values
  };
  const std::vector<BentTensor>& tensors() const { return tensors_; }

 private:
  vae::Vae& model_;
  std::vector<BentTensor> tensors_;
  std::vector<float> unbent_;  // the bent tensors' unbent values, back to back
  std::vector<float> noise_;   // scratch, [largest bent tensor]
  double amount_ = 0.0;
};

}  // namespace melodyvae::generation
