// Bending: relative to each decoder weight tensor's spread, seeded, exactly undone by amount 0, and never
// touching the encoder, biases or batch-norm statistics.
#include "core/generation/bending.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "test_model.h"

namespace melodyvae::generation {
namespace {

std::vector<float> copyOf(std::span<const float> values) {
  return {values.begin(), values.end()};
}

TEST(Bending, AmountZeroRestoresTheUnbentWeightsBitForBit) {
  vae::Vae model = variedModel(2);
  const std::vector<float> unbent = copyOf(model.parameters());
  Bender bender(model);
  bender.bend(0.7, 1);
  EXPECT_NE(copyOf(model.parameters()), unbent);
  bender.bend(1.5, 2);  // bending again starts from the unbent weights, not from the bent ones
  bender.bend(0.0, 3);
  const std::vector<float> restored = copyOf(model.parameters());
  ASSERT_EQ(restored.size(), unbent.size());
  EXPECT_EQ(std::memcmp(restored.data(), unbent.data(), unbent.size() * sizeof(float)), 0);
}

TEST(Bending, TouchesOnlyDecoderWeightMatricesAndNeverBatchNormState) {
  vae::Vae model = variedModel(2);
  const std::vector<float> unbent = copyOf(model.parameters());
  const std::vector<float> state = copyOf(model.batchNormState());
  Bender bender(model);
  bender.bend(2.0, 5);
  EXPECT_EQ(copyOf(model.batchNormState()), state) << "batch-norm running statistics changed";
  int bentTensors = 0;
  for (const vae::TensorView& view : model.parameterTensors()) {
    const bool shouldBend = view.name.starts_with("decoder.") && view.name.ends_with(".weight");
    const auto begin = static_cast<std::ptrdiff_t>(view.offset);
    const auto end = begin + static_cast<std::ptrdiff_t>(view.size);
    const bool changed =
        !std::equal(unbent.begin() + begin, unbent.begin() + end, model.parameters().begin() + begin);
    EXPECT_EQ(changed, shouldBend) << view.name;
    bentTensors += changed ? 1 : 0;
  }
  EXPECT_EQ(bentTensors, 9) << "decoder.input.dense.weight and 4 x (dense, out) weights";
}

TEST(Bending, NoiseIsScaledToEachTensorsSpread) {
  vae::Vae model = variedModel(2);
  const std::vector<float> unbent = copyOf(model.parameters());
  Bender bender(model);
  const double amount = 0.5;
  bender.bend(amount, 8);
  for (const Bender::BentTensor& tensor : bender.tensors()) {
    if (tensor.size < 200) continue;  // too few values for a stable estimate
    double squares = 0;
    for (std::size_t i = 0; i < tensor.size; ++i) {
      squares += std::pow(model.parameters()[tensor.offset + i] - unbent[tensor.offset + i], 2);
    }
    const double measured = std::sqrt(squares / static_cast<double>(tensor.size));
    EXPECT_NEAR(measured / (amount * tensor.spread), 1.0, 0.15) << tensor.name << " spread " << tensor.spread;
  }
}

TEST(Bending, SameSeedSameBend) {
  vae::Vae first = variedModel(2);
  vae::Vae second = variedModel(2);
  Bender(first).bend(0.3, 42);
  Bender(second).bend(0.3, 42);
  EXPECT_EQ(copyOf(first.parameters()), copyOf(second.parameters()));
  Bender(second).bend(0.3, 43);  // a new bender takes the bent weights as unbent: a different result
  EXPECT_NE(copyOf(first.parameters()), copyOf(second.parameters()));
}

TEST(Bending, RejectsNegativeAmount) {
  vae::Vae model = variedModel(2);
  Bender bender(model);
  EXPECT_THROW(bender.bend(-0.1, 1), std::invalid_argument);
  EXPECT_THROW(bender.bend(std::nan(""), 1), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::generation
