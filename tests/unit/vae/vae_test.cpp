// The Vae API: training-step semantics, eval mode, encode/decode agreement, copies, batch-size changes,
// argument errors, and an allocation-free decode after reserve().
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "core/vae/vae.h"
#include "tests/support/allocation_counter.h"
#include "tests/unit/vae/test_planes.h"

namespace melodyvae::vae {
namespace {

using melodyvae::testing::allocationCount;
using testing::copyOf;
using testing::smallShape;

TEST(Vae, TrainStepOverwritesGradientsAndUpdatesOnlyRunningStatistics) {
  Vae vae(smallShape(), 1);
  const auto input = testing::makeTestPlanes(6, 3, 8, 2);
  const auto parameters = copyOf(vae.parameters());
  const auto state = copyOf(vae.batchNormState());
  RandomNoise first(9);
  const LossParts a = vae.trainStep(input.batch, 0.5f, first);
  const auto gradients = copyOf(vae.gradients());
  RandomNoise second(9);
  const LossParts b = vae.trainStep(input.batch, 0.5f, second);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(copyOf(vae.gradients()), gradients) << "gradients must be overwritten, not accumulated";
  EXPECT_EQ(copyOf(vae.parameters()), parameters) << "trainStep must not change the parameters";
  EXPECT_NE(copyOf(vae.batchNormState()), state) << "trainStep must update the running statistics";
  EXPECT_TRUE(std::any_of(gradients.begin(), gradients.end(), [](float g) { return g != 0.0f; }));
}

TEST(Vae, EvaluateIsDeterministicAndChangesNothing) {
  Vae vae(smallShape(), 1);
  const auto input = testing::makeTestPlanes(5, 3, 8, 3);
  RandomNoise noise(1);
  vae.trainStep(input.batch, 1.0f, noise);  // non-trivial running statistics
  const auto state = copyOf(vae.batchNormState());
  const auto gradients = copyOf(vae.gradients());
  const LossParts a = vae.evaluate(input.batch, 1.0f);
  const LossParts b = vae.evaluate(input.batch, 1.0f);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(copyOf(vae.batchNormState()), state);
  EXPECT_EQ(copyOf(vae.gradients()), gradients);
  EXPECT_NEAR(a.total, a.onset + a.velocity + a.duration + a.offset + a.kl, 1e-9);
}

TEST(Vae, EvalPerSampleDoesNotDependOnTheBatch) {
  // Running statistics make eval mode per-sample: the mean of one loop alone equals its mean in a batch.
  Vae vae(smallShape(), 4);
  const auto input = testing::makeTestPlanes(4, 3, 8, 5);
  RandomNoise noise(2);
  vae.trainStep(input.batch, 1.0f, noise);
  std::vector<float> all(8), one(2);
  vae.encodeMean(input.batch, all.data());
  PlaneBatch single = input.batch;
  single.size = 1;
  for (std::size_t p = 0; p < 4; ++p) single.planes[p] = input.planes[p].data() + 2 * 24;
  vae.encodeMean(single, one.data());
  EXPECT_NEAR(one[0], all[4], 1e-6);
  EXPECT_NEAR(one[1], all[5], 1e-6);
}

TEST(Vae, DecodeOfTheEncodedMeanGivesTheEvalOutputs) {
  const ModelShape shape = smallShape();
  Vae vae(shape, 6);
  const auto input = testing::makeTestPlanes(3, 3, 8, 7);
  std::vector<float> mean(6);
  vae.encodeMean(input.batch, mean.data());
  std::array<std::vector<float>, 4> planes;
  for (auto& plane : planes) plane.resize(3 * 24);
  vae.decode(mean.data(), 3, {planes[0].data(), planes[1].data(), planes[2].data(), planes[3].data()});
  for (std::size_t p = 0; p < 4; ++p) {
    for (float v : planes[p]) {
      if (p == 3) {
        ASSERT_TRUE(v > -1.0f && v < 1.0f);
      } else {
        ASSERT_TRUE(v > 0.0f && v < 1.0f);
      }
    }
  }
  // Decoding one z alone gives the same row as decoding it among others.
  std::array<std::vector<float>, 4> single;
  for (auto& plane : single) plane.resize(24);
  vae.decode(mean.data() + 2, 1, {single[0].data(), single[1].data(), single[2].data(), single[3].data()});
  for (std::size_t p = 0; p < 4; ++p) {
    for (std::size_t c = 0; c < 24; ++c) EXPECT_NEAR(single[p][c], planes[p][24 + c], 1e-6) << p << "," << c;
  }
}

TEST(Vae, CopiesAreDeepAndBatchSizeMayChange) {
  Vae vae(smallShape(), 8);
  Vae copy = vae;
  copy.parameters()[0] += 1.0f;
  EXPECT_NE(copy.parameters()[0], vae.parameters()[0]);

  const auto big = testing::makeTestPlanes(7, 3, 8, 9);
  const auto small = testing::makeTestPlanes(3, 3, 8, 10);
  Vae fresh(smallShape(), 8);
  RandomNoise n1(1), n2(2), n3(2);
  vae.trainStep(big.batch, 1.0f, n1);
  vae.batchNormState()[0] = fresh.batchNormState()[0];  // running stats are not compared below
  const LossParts afterBig = vae.trainStep(small.batch, 1.0f, n2);
  const LossParts direct = fresh.trainStep(small.batch, 1.0f, n3);
  EXPECT_EQ(afterBig.total, direct.total);
  EXPECT_EQ(copyOf(vae.gradients()), copyOf(fresh.gradients()));
}

TEST(Vae, RejectsBadArguments) {
  Vae vae(smallShape(), 1);
  PlaneBatch empty;
  RandomNoise noise(1);
  EXPECT_THROW(vae.trainStep(empty, 1.0f, noise), std::invalid_argument);
  const auto input = testing::makeTestPlanes(2, 3, 8, 1);
  PlaneBatch missing = input.batch;
  missing.planes[2] = nullptr;
  try {
    vae.evaluate(missing, 1.0f);
    FAIL() << "null plane accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("planes[2]"), std::string::npos) << e.what();
  }
  std::array<float, 24> out{};
  const std::array<float, 2> z{};
  EXPECT_THROW(vae.decode(z.data(), 0, {out.data(), out.data(), out.data(), out.data()}),
               std::invalid_argument);
}

TEST(Vae, DecodeAfterReserveDoesNotAllocate) {
  Vae vae(smallShape(), 3);
  vae.reserve(4);
  std::array<std::vector<float>, 4> planes;
  for (auto& plane : planes) plane.resize(4 * 24);
  const std::array<float, 8> z = {0.1f, -0.2f, 1.0f, 0.5f, -1.5f, 2.0f, 0.0f, 0.0f};
  const std::array<float*, 4> out = {planes[0].data(), planes[1].data(), planes[2].data(), planes[3].data()};
  const std::size_t before = allocationCount();
  vae.decode(z.data(), 1, out);
  vae.decode(z.data(), 4, out);
  const std::size_t after = allocationCount();
  EXPECT_EQ(after - before, 0u) << "decode allocated";
}

TEST(Vae, FullSizeSingleDecodeAfterReserveDoesNotAllocate) {
  // The generator's real-time case: one z at a time through the default-size decoder.
  Vae vae(ModelShape{}, 3);
  vae.reserve(1);
  std::array<std::vector<float>, 4> planes;
  for (auto& plane : planes) plane.resize(768);
  const std::array<float, 2> z = {0.3f, -0.8f};
  const std::array<float*, 4> out = {planes[0].data(), planes[1].data(), planes[2].data(), planes[3].data()};
  vae.decode(z.data(), 1, out);
  const std::size_t before = allocationCount();
  vae.decode(z.data(), 1, out);
  EXPECT_EQ(allocationCount() - before, 0u) << "decode allocated";
}

}  // namespace
}  // namespace melodyvae::vae
