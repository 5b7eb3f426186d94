// The real-time snapshot (core/vae/realtime_model.h) against the plain float32 engine (Vae::decode,
// Vae::encodeMean) on a model with non-trivial batch-norm state: stated tolerances per weight precision,
// both kernels (the portable one always), the generated notes on a grid of z, and no allocation per call.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "core/nn/input_major_dense.h"
#include "core/nn/output_heads.h"
#include "core/vae/realtime_model.h"
#include "core/vae/vae.h"
#include "tests/support/allocation_counter.h"

namespace melodyvae::vae {
namespace {

using nn::KernelChoice;
using nn::WeightPrecision;

constexpr int kCells = 768;

// The default model with batch-norm state and affine parameters away from their initial values, so that
// folding batch norm into the dense weights is really exercised.
Vae perturbedModel() {
  Vae model(ModelShape{}, 5);
  std::mt19937_64 engine(9);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  for (const TensorView& tensor : model.batchNormTensors()) {
    const bool variance = tensor.name.find("running_var") != std::string::npos;
    for (std::size_t i = 0; i < tensor.size; ++i) {
      model.batchNormState()[tensor.offset + i] =
          variance ? 0.3f + 2.7f * unit(engine) : 0.3f * normal(engine);
    }
  }
  // Decisive outputs like a trained model's: logits spread over several units, most onset cells off.
  for (const TensorView& tensor : model.parameterTensors()) {
    const bool outWeight = tensor.name.size() > 11 && tensor.name.ends_with(".out.weight");
    const bool onsetOutBias = tensor.name == "decoder.onset.out.bias";
    for (std::size_t i = 0; outWeight && i < tensor.size; ++i) model.parameters()[tensor.offset + i] *= 3.0f;
    for (std::size_t i = 0; onsetOutBias && i < tensor.size; ++i)
      model.parameters()[tensor.offset + i] = -2.5f;
  }
  for (const TensorView& tensor : model.parameterTensors()) {
    const bool gamma = tensor.name.find("gamma") != std::string::npos;
    const bool beta = tensor.name.find("beta") != std::string::npos;
    if (!gamma && !beta) continue;
    for (std::size_t i = 0; i < tensor.size; ++i) {
      model.parameters()[tensor.offset + i] = gamma ? 0.5f + unit(engine) : 0.2f * normal(engine);
    }
  }
  return model;
}

std::vector<std::array<float, 2>> zGrid() {
  std::vector<std::array<float, 2>> grid;
  for (int i = 0; i < 9; ++i) {
    for (int j = 0; j < 9; ++j)
      grid.push_back({-3.0f + 0.75f * static_cast<float>(i), -3.0f + 0.75f * static_cast<float>(j)});
  }
  // Outside the real-time decoder's anchor grid ([-3, 3]^2, core/vae/linear_pieces.h) and near the origin.
  // Up to |z| = 6 (the prior is N(0, 1)); bfloat16's errors grow with |z|, and the bounds above are for this
  // range.
  for (const std::array<float, 2> z :
       std::vector<std::array<float, 2>>{{4.5f, -0.2f}, {-4.0f, 5.0f}, {0.01f, -0.02f}, {-0.3f, -6.0f}})
    grid.push_back(z);
  return grid;
}

struct Planes {
  std::vector<float> values = std::vector<float>(4 * kCells);
  std::array<float*, 4> pointers() {
    return {values.data(), values.data() + kCells, values.data() + 2 * kCells, values.data() + 3 * kCells};
  }
};

// The notes a step gives: the row of the largest onset probability if it is above 0.5, else -1.
std::array<int, 32> notesOf(const float* onset) {
  std::array<int, 32> notes{};
  for (int step = 0; step < 32; ++step) {
    int best = 0;
    for (int row = 1; row < 24; ++row) {
      if (onset[row * 32 + step] > onset[best * 32 + step]) best = row;
    }
    notes[static_cast<std::size_t>(step)] = onset[best * 32 + step] > 0.5f ? best : -1;
  }
  return notes;
}

// How close a step's decision is to flipping: the distance of the top probability from 0.5, or from the
// second row's, whichever is smaller.
float marginOf(const float* onset, int step) {
  float first = -1.0f, second = -1.0f;
  for (int row = 0; row < 24; ++row) {
    const float p = onset[row * 32 + step];
    if (p > first) {
      second = first;
      first = p;
    } else if (p > second) {
      second = p;
    }
  }
  return std::min(std::fabs(first - 0.5f), first - second);
}

struct Case {
  WeightPrecision precision;
  KernelChoice kernel;
  float outputTolerance;     // largest |realtime - plain| over every output value
  float meanTolerance;       // largest |realtime - plain| over encoder means
  bool sameNotesEverywhere;  // else: the same notes wherever the plain decision is not a close call
  const char* name;
};

// Tolerances: float32 differs from the plain path only by rounding (batch norm folded, another summation
// order): ~3e-6 seen, bound 2e-5. bfloat16 keeps 8 significant bits per weight (relative error <= 2^-9);
// over ~1000-term sums with mixed signs the outputs (probabilities, tanh) moved by up to ~5e-3 on this
// model: bound 1e-2, and every note on the grid is the same. int8 (per-output scale) moved them by up to
// ~1.8e-2: bound 3e-2, and a note may differ where the plain decision is a close call (it did once on this
// grid), which is why int8 is not the default.
const std::array<Case, 6> kCases = {{
    {WeightPrecision::kFloat32, KernelChoice::kPortable, 2e-5f, 2e-5f, true, "float32 portable"},
    {WeightPrecision::kFloat32, KernelChoice::kAuto, 2e-5f, 2e-5f, true, "float32 auto"},
    {WeightPrecision::kBFloat16, KernelChoice::kPortable, 1e-2f, 5e-3f, true, "bfloat16 portable"},
    {WeightPrecision::kBFloat16, KernelChoice::kAuto, 1e-2f, 5e-3f, true, "bfloat16 auto"},
    {WeightPrecision::kInt8, KernelChoice::kPortable, 3e-2f, 1.5e-2f, false, "int8 portable"},
    {WeightPrecision::kInt8, KernelChoice::kAuto, 3e-2f, 1.5e-2f, false, "int8 auto"},
}};

class RealtimeModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = new Vae(perturbedModel()); }
  static void TearDownTestSuite() {
    delete model_;
    model_ = nullptr;
  }
  static Vae* model_;
};
Vae* RealtimeModelTest::model_ = nullptr;

TEST_F(RealtimeModelTest, DecodeMatchesPlainDecodeAndGivesTheSameNotes) {
  Vae& model = *model_;
  for (const Case& c : kCases) {
    RealtimeModel realtime(model, {c.precision, c.kernel, 2});
    RealtimeModel single(model, {c.precision, c.kernel, 1});
    EXPECT_EQ(single.decodeThreads(), 1);
    float largest = 0.0f;
    int differentNotes = 0;
    int differentFromSingle = 0;
    long rows = 0;
    int differentAtCloseCalls = 0;
    int closeCalls = 0;  // decisions whose plain margin is within the tolerance (allowed to differ)
    for (const auto& z : zGrid()) {
      Planes plain, fast;
      model.decode(z.data(), 1, plain.pointers());
      realtime.decodeOne(z.data(), fast.pointers());
      // The decoder's first hidden layer has 1024 units; a decode reads at most half their rows.
      EXPECT_LE(realtime.lastDecodeRows(), 512) << c.name;
      rows += realtime.lastDecodeRows();
      Planes alone;
      single.decodeOne(z.data(), alone.pointers());
      differentFromSingle += alone.values == fast.values ? 0 : 1;
      for (std::size_t i = 0; i < plain.values.size(); ++i) {
        ASSERT_TRUE(std::isfinite(plain.values[i]) && std::isfinite(fast.values[i]))
            << c.name << " value " << i;
        largest = std::max(largest, std::fabs(plain.values[i] - fast.values[i]));
      }
      const auto plainNotes = notesOf(plain.values.data());
      const auto fastNotes = notesOf(fast.values.data());
      for (int step = 0; step < 32; ++step) {
        const bool differ =
            plainNotes[static_cast<std::size_t>(step)] != fastNotes[static_cast<std::size_t>(step)];
        // Within 2 x the output bound of a tie (the top row against 0.5 or against the second row), a
        // decision may legitimately go either way.
        if (marginOf(plain.values.data(), step) <= 2.0f * c.outputTolerance) {
          ++closeCalls;
          differentAtCloseCalls += differ ? 1 : 0;
          continue;
        }
        differentNotes += differ ? 1 : 0;
      }
    }
    std::printf(
        "%-18s largest output difference %.3g (bound %.3g); %d close calls of %zu steps, %d of them "
        "with another note\n",
        c.name, static_cast<double>(largest), static_cast<double>(c.outputTolerance), closeCalls,
        zGrid().size() * 32, differentAtCloseCalls);
    std::printf("%-18s %.1f of 1024 first-layer rows read per decode on average\n", c.name,
                static_cast<double>(rows) / static_cast<double>(zGrid().size()));
    EXPECT_EQ(differentFromSingle, 0) << c.name << ": 1 and 2 threads must give the same values";
    EXPECT_LE(largest, c.outputTolerance) << c.name;
    EXPECT_EQ(differentNotes, 0) << c.name << ": notes differ where the plain decode was not a close call";
    if (c.sameNotesEverywhere) {
      EXPECT_EQ(differentAtCloseCalls, 0) << c.name << ": notes differ at close calls";
    }
  }
}

TEST_F(RealtimeModelTest, FloatSnapshotGivesTheSameNotesEverywhere) {
  Vae& model = *model_;
  RealtimeModel realtime(model, {WeightPrecision::kFloat32, KernelChoice::kPortable});
  int differentNotes = 0;
  for (const auto& z : zGrid()) {
    Planes plain, fast;
    model.decode(z.data(), 1, plain.pointers());
    realtime.decodeOne(z.data(), fast.pointers());
    if (notesOf(plain.values.data()) != notesOf(fast.values.data())) ++differentNotes;
  }
  EXPECT_EQ(differentNotes, 0);
}

TEST_F(RealtimeModelTest, EncodeMatchesPlainEncoderMean) {
  Vae& model = *model_;
  std::mt19937_64 engine(3);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  for (const Case& c : kCases) {
    RealtimeModel realtime(model, {c.precision, c.kernel});
    float largest = 0.0f;
    for (int clip = 0; clip < 8; ++clip) {
      Planes planes;
      for (int step = 0; step < 32; ++step) {
        if (unit(engine) < 0.4f) continue;
        const int cell = (static_cast<int>(unit(engine) * 24.0f) % 24) * 32 + step;
        planes.values[static_cast<std::size_t>(cell)] = 1.0f;
        planes.values[static_cast<std::size_t>(kCells + cell)] = unit(engine);
        planes.values[static_cast<std::size_t>(2 * kCells + cell)] = unit(engine);
        planes.values[static_cast<std::size_t>(3 * kCells + cell)] = 2.0f * unit(engine) - 1.0f;
      }
      auto p = planes.pointers();
      PlaneBatch batch;
      batch.size = 1;
      for (std::size_t i = 0; i < 4; ++i) batch.planes[i] = p[i];
      float plainMean[2], fastMean[2];
      model.encodeMean(batch, plainMean);
      realtime.encodeOne({p[0], p[1], p[2], p[3]}, fastMean);
      for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(std::isfinite(plainMean[i]) && std::isfinite(fastMean[i])) << c.name;
        largest = std::max(largest, std::fabs(plainMean[i] - fastMean[i]));
      }
    }
    std::printf("%-18s largest encoder-mean difference %.3g (bound %.3g)\n", c.name,
                static_cast<double>(largest), static_cast<double>(c.meanTolerance));
    EXPECT_LE(largest, c.meanTolerance) << c.name;
  }
}

TEST_F(RealtimeModelTest, DecodeAndEncodeDoNotAllocate) {
  Vae& model = *model_;
  for (const Case& c : kCases) {
    RealtimeModel realtime(model, {c.precision, c.kernel});
    Planes out;
    const auto pointers = out.pointers();
    const float z[2] = {0.5f, -1.0f};
    const std::size_t before = melodyvae::testing::allocationCount();
    for (int i = 0; i < 3; ++i) {
      realtime.decodeOne(z, pointers);
      realtime.encodeOne({pointers[0], pointers[1], pointers[2], pointers[3]}, out.values.data());
    }
    EXPECT_EQ(melodyvae::testing::allocationCount() - before, 0u) << c.name;
  }
}

TEST(RealtimeKernels, HeadsMatchLibm) {
  std::vector<float> x;
  for (float v = -100.0f; v <= 100.0f; v += 0.01953125f) x.push_back(v);
  for (float v : {0.0f, -0.0f, 1e-6f, -1e-6f, 1e-30f, 88.5f, -88.5f, 1e4f, -1e4f}) x.push_back(v);
  for (const auto kernel : {KernelChoice::kPortable, KernelChoice::kAuto}) {
    std::vector<float> s = x, t = x;
    nn::sigmoidInPlace(s.data(), static_cast<int>(s.size()), kernel);
    nn::tanhInPlace(t.data(), static_cast<int>(t.size()), kernel);
    float largestSigmoid = 0.0f, largestTanh = 0.0f;
    for (std::size_t i = 0; i < x.size(); ++i) {
      ASSERT_TRUE(std::isfinite(s[i]) && std::isfinite(t[i])) << "x = " << x[i];
      largestSigmoid = std::max(largestSigmoid, std::fabs(s[i] - nn::sigmoid(x[i])));
      largestTanh = std::max(largestTanh, std::fabs(t[i] - std::tanh(x[i])));
    }
    std::printf("heads (%s): largest sigmoid difference %.3g, tanh %.3g\n",
                kernel == KernelChoice::kAuto ? "auto" : "portable", static_cast<double>(largestSigmoid),
                static_cast<double>(largestTanh));
    EXPECT_LE(largestSigmoid, 3e-7f);
    EXPECT_LE(largestTanh, 3e-7f);
  }
}

TEST(RealtimeKernels, BFloat16RoundsToNearestEven) {
  EXPECT_EQ(nn::toBFloat16(1.0f), 0x3F80);
  EXPECT_EQ(nn::fromBFloat16(nn::toBFloat16(1.0f)), 1.0f);
  // 1 + 2^-8 lies halfway between bfloat16 neighbours 1 and 1 + 2^-7: ties go to the even one (1).
  EXPECT_EQ(nn::fromBFloat16(nn::toBFloat16(1.0f + 1.0f / 256.0f)), 1.0f);
  EXPECT_EQ(nn::fromBFloat16(nn::toBFloat16(1.0f + 3.0f / 256.0f)), 1.0f + 4.0f / 256.0f);
  const float value = -0.123456f;
  EXPECT_NEAR(nn::fromBFloat16(nn::toBFloat16(value)), value, std::fabs(value) / 256.0f);
}

// Every layout (paired bfloat16 needs outputs % 16 == 0, and is stored in column blocks of 64 outputs;
// others not) and kernel against a double-precision product, with sizes that leave remainders in every
// loop; dense, sparse and listed-row passes.
TEST(RealtimeKernels, DenseMatchesReferenceForOddSizes) {
  std::mt19937_64 engine(1);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (const int outputs : {5, 16, 48, 37, 80, 144}) {
    const int inputs = 23;
    std::vector<float> weight(static_cast<std::size_t>(inputs * outputs)),
        bias(static_cast<std::size_t>(outputs)), in(static_cast<std::size_t>(inputs));
    for (float& w : weight) w = normal(engine);
    for (float& b : bias) b = normal(engine);
    for (int j = 0; j < inputs; ++j) in[static_cast<std::size_t>(j)] = j % 3 == 0 ? 0.0f : normal(engine);
    for (const auto precision :
         {WeightPrecision::kFloat32, WeightPrecision::kBFloat16, WeightPrecision::kInt8}) {
      nn::InputMajorDense dense;
      dense.assign(inputs, outputs, weight.data(), bias.data(), precision);
      const double relative = precision == WeightPrecision::kFloat32 ? 1e-5 : 1.0 / 256.0;
      for (const auto kernel : {KernelChoice::kPortable, KernelChoice::kAuto}) {
        std::vector<float> out(static_cast<std::size_t>(outputs)),
            sparseOut(static_cast<std::size_t>(outputs)), rowsOut(static_cast<std::size_t>(outputs));
        dense.forward(in.data(), out.data(), kernel);
        dense.forwardSparse(in.data(), sparseOut.data(), kernel);
        std::vector<int> rows;  // the non-zero inputs, listed
        std::vector<float> values;
        for (int j = 0; j < inputs; ++j) {
          if (in[static_cast<std::size_t>(j)] == 0.0f) continue;
          rows.push_back(j);
          values.push_back(in[static_cast<std::size_t>(j)]);
        }
        dense.forwardRows(rows.data(), values.data(), static_cast<int>(rows.size()), rowsOut.data(), kernel);
        // Every pass sums each output's inputs in the same order: the same values bit for bit.
        std::vector<int> allRows(static_cast<std::size_t>(inputs));
        for (int j = 0; j < inputs; ++j) allRows[static_cast<std::size_t>(j)] = j;
        std::vector<float> allRowsOut(static_cast<std::size_t>(outputs));
        dense.forwardRows(allRows.data(), in.data(), inputs, allRowsOut.data(), kernel);
        EXPECT_EQ(allRowsOut, out) << "every row listed, outputs " << outputs;
        EXPECT_EQ(sparseOut, out) << "sparse, outputs " << outputs;
        for (int o = 0; o < outputs; ++o) {
          double expected = bias[static_cast<std::size_t>(o)], scale = 0, inputSum = 0, largestWeight = 0;
          for (int j = 0; j < inputs; ++j) {
            const double w = weight[static_cast<std::size_t>(o * inputs + j)];
            const double term = w * in[static_cast<std::size_t>(j)];
            expected += term;
            scale += std::fabs(term);
            inputSum += std::fabs(in[static_cast<std::size_t>(j)]);
            largestWeight = std::max(largestWeight, std::fabs(w));
          }
          // float32 / bfloat16: relative error per weight; int8: half a step (largest |w| / 254) per weight.
          const double bound = (precision == WeightPrecision::kInt8 ? 1.01 * inputSum * largestWeight / 254.0
                                                                    : relative * scale) +
                               1e-5;
          EXPECT_NEAR(out[static_cast<std::size_t>(o)], expected, bound)
              << "outputs " << outputs << " output " << o;
          EXPECT_NEAR(sparseOut[static_cast<std::size_t>(o)], expected, bound)
              << "sparse, outputs " << outputs;
          EXPECT_NEAR(rowsOut[static_cast<std::size_t>(o)], expected, bound) << "rows, outputs " << outputs;
        }
      }
    }
  }
}

}  // namespace
}  // namespace melodyvae::vae
