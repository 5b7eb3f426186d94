// Tensor names, shapes and block order (docs/model-tensors.md), and the initial values.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/vae/tensor_layout.h"
#include "core/vae/vae.h"

namespace melodyvae::vae {
namespace {

TEST(TensorLayout, DefaultShapeHasTheDocumentedTensorsInOrder) {
  const TensorLayout layout = buildTensorLayout(ModelShape{});
  ASSERT_EQ(layout.parameters.size(), 52u);
  EXPECT_EQ(layout.parameters[0].name, "encoder.onset.dense.weight");
  EXPECT_EQ(layout.parameters[0].shape, (std::vector<int>{512, 768}));
  EXPECT_EQ(layout.parameters[3].name, "encoder.onset.norm.beta");
  EXPECT_EQ(layout.parameters[4].name, "encoder.velocity.dense.weight");
  EXPECT_EQ(layout.parameters[16].name, "encoder.merge.dense.weight");
  EXPECT_EQ(layout.parameters[16].shape, (std::vector<int>{512, 2048}));
  EXPECT_EQ(layout.parameters[20].name, "encoder.mean.weight");
  EXPECT_EQ(layout.parameters[22].name, "encoder.logvar.weight");
  EXPECT_EQ(layout.parameters[24].name, "decoder.input.dense.weight");
  EXPECT_EQ(layout.parameters[24].shape, (std::vector<int>{1024, 2}));
  EXPECT_EQ(layout.parameters[28].name, "decoder.onset.dense.weight");
  EXPECT_EQ(layout.parameters[32].name, "decoder.onset.out.weight");
  EXPECT_EQ(layout.parameters[32].shape, (std::vector<int>{768, 512}));
  EXPECT_EQ(layout.parameters[51].name, "decoder.offset.out.bias");
  // 6.3M parameters as the design says; the blocks are contiguous and in order.
  EXPECT_EQ(layout.parameterCount, 6315524u);
  std::size_t offset = 0;
  for (const TensorView& view : layout.parameters) {
    EXPECT_EQ(view.offset, offset) << view.name;
    offset += view.size;
    EXPECT_EQ(view.inDecoder, view.name.starts_with("decoder.")) << view.name;
    EXPECT_EQ(view.isBias, view.name.ends_with(".bias") || view.name.ends_with(".beta")) << view.name;
  }
  EXPECT_EQ(offset, layout.parameterCount);
  ASSERT_EQ(layout.batchNorm.size(), 20u);
  EXPECT_EQ(layout.batchNorm[0].name, "encoder.onset.norm.running_mean");
  EXPECT_EQ(layout.batchNorm[1].name, "encoder.onset.norm.running_var");
  EXPECT_EQ(layout.batchNorm[8].name, "encoder.merge.norm.running_mean");
  EXPECT_EQ(layout.batchNorm[10].name, "decoder.input.norm.running_mean");
  EXPECT_EQ(layout.batchNorm[19].name, "decoder.offset.norm.running_var");
  EXPECT_EQ(layout.batchNormCount, 11264u);
}

TEST(TensorLayout, RejectsANonPositiveSizeNamingTheField) {
  ModelShape shape;
  shape.latent = 0;
  try {
    buildTensorLayout(shape);
    FAIL() << "latent 0 accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("latent"), std::string::npos) << e.what();
  }
}

TEST(Initialization, GlorotNormalKernelsZeroBiasesUnitGammaAndVariance) {
  const Vae vae(ModelShape{}, 2024);
  const auto params = vae.parameters();
  for (const TensorView& view : vae.parameterTensors()) {
    const auto values = params.subspan(view.offset, view.size);
    if (view.name.ends_with(".norm.gamma")) {
      for (float v : values) ASSERT_EQ(v, 1.0f) << view.name;
    } else if (view.isBias) {
      for (float v : values) ASSERT_EQ(v, 0.0f) << view.name;
    } else {
      const double expected = std::sqrt(2.0 / (view.shape[0] + view.shape[1]));
      double sum = 0, squares = 0, largest = 0;
      for (float v : values) {
        sum += v;
        squares += static_cast<double>(v) * v;
        largest = std::max(largest, static_cast<double>(std::abs(v)));
      }
      const double n = static_cast<double>(values.size());
      const double stddev = std::sqrt(squares / n - (sum / n) * (sum / n));
      // Small tensors (2 x 512 heads) have a wider sampling spread.
      const double tolerance = n < 5000 ? 0.1 : 0.02;
      EXPECT_NEAR(stddev / expected, 1.0, tolerance) << view.name;
      EXPECT_NEAR(sum / n, 0.0, 3 * expected / std::sqrt(n)) << view.name;
      EXPECT_LE(largest, 2.0 * expected / 0.87962566103423978 + 1e-6)
          << view.name << " (truncated at 2 stddev)";
    }
  }
  for (const TensorView& view : vae.batchNormTensors()) {
    const float expected = view.name.ends_with(".running_var") ? 1.0f : 0.0f;
    for (float v : vae.batchNormState().subspan(view.offset, view.size)) ASSERT_EQ(v, expected) << view.name;
  }
}

TEST(Initialization, SeedDecides) {
  ModelShape shape;
  shape.cells = 12;
  shape.planeHidden = 8;
  shape.mergeHidden = 8;
  shape.decoderHidden = 8;
  shape.branchHidden = 8;
  const Vae a(shape, 1), b(shape, 1), c(shape, 2);
  EXPECT_TRUE(std::equal(a.parameters().begin(), a.parameters().end(), b.parameters().begin()));
  EXPECT_FALSE(std::equal(a.parameters().begin(), a.parameters().end(), c.parameters().begin()));
}

}  // namespace
}  // namespace melodyvae::vae
