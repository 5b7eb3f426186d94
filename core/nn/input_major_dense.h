// Dense layer for one input vector at a time (the real-time decode / encode path): weights stored
// input-major, [in, out], so out = bias + sum_j in[j] * W[j, :] is a run of contiguous vector multiply-adds,
// in float32 or bfloat16 (half the bytes; the weights are what limits a single-z decode).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/nn/kernel_choice.h"

namespace melodyvae::nn {

// kInt8: symmetric 8-bit weights with one float scale per output (max |w| / 127), a quarter of the bytes.
enum class WeightPrecision { kFloat32, kBFloat16, kInt8 };
// float -> bfloat16 (round to nearest even) and back.
std::uint16_t toBFloat16(float value);
float fromBFloat16(std::uint16_t value);

class InputMajorDense {
 public:
  // weight [outputs, inputs] (PyTorch layout), bias [outputs]. Allocates; everything below does not.
  void assign(int inputs, int outputs, const float* weight, const float* bias, WeightPrecision precision);

  int inputs() const { return inputs_; }
  int outputs() const { return outputs_; }
  WeightPrecision precision() const { return precision_; }

  // out [outputs] = bias + in [inputs] * W^T.
  void forward(const float* in, float* out, KernelChoice kernel) const noexcept;
  // The same, skipping the zero entries of `in` (cost proportional to the non-zeros: input planes).
  void forwardSparse(const float* in, float* out, KernelChoice kernel) const noexcept;
  // out [outputs] = bias + sum over k < count of values[k] * W[rows[k], :]: the rows a caller picked, in
  // the order given (rows in [0, inputs); a row may repeat).
  void forwardRows(const int* rows, const float* values, int count, float* out,
                   KernelChoice kernel) const noexcept;

 private:
  template <typename Function>
  void dispatch(KernelChoice kernel, Function&& function) const noexcept;

  int inputs_ = 0;
  int outputs_ = 0;
  WeightPrecision precision_ = WeightPrecision::kFloat32;
  std::vector<float> weight32_;          // [inputs, outputs] when kFloat32
  std::vector<std::uint16_t> weight16_;  // [inputs, outputs] when kBFloat16 and outputs % 16 != 0
  std::vector<std::uint32_t> paired_;    // [inputs, outputs / 2] when kBFloat16 and outputs % 16 == 0:
                                         // word 8g + k = outputs 16g + k (low half), 16g + 8 + k (high),
                                         // stored in column blocks of 32 words (input_major_dense.cpp)
  std::vector<std::int8_t> weight8_;     // [inputs, outputs] when kInt8
  std::vector<float> scale_;             // [outputs] when kInt8: W[j, o] = weight8_[j, o] * scale_[o]
  std::vector<float> bias_;              // [outputs]
};

// x = x > 0 ? x : slope * x over [count] values.
void leakyReluInPlace(float* values, int count, float slope) noexcept;

// The output heads over [count] values with a vectorizable exp (Cody-Waite reduction, degree-6
// polynomial): within 3e-7 of nn::sigmoid / std::tanh (tests/unit/perf), no calls into libm.
void sigmoidInPlace(float* values, int count, KernelChoice kernel) noexcept;
void tanhInPlace(float* values, int count, KernelChoice kernel) noexcept;

}  // namespace melodyvae::nn
