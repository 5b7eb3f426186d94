// The fast training paths change nothing but the speed: the AVX2 build of Adam equals the portable one
// bit for bit; the AVX2 dense products agree with the portable ones within float rounding; and the
// thread count never changes a result (core/nn/kernel_choice.h, core/nn/worker_pool.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "../vae/test_planes.h"
#include "core/nn/adam.h"
#include "core/nn/adam_update.h"
#include "core/nn/kernel_choice.h"
#include "core/nn/worker_pool.h"
#include "core/vae/vae.h"

namespace melodyvae::nn {
namespace {

// Restores the process-wide settings a test changed.
struct SettingsGuard {
  ~SettingsGuard() {
    setProductKernel(KernelChoice::kAuto);
    setWorkerThreads(WorkerPool::shared().helperThreads() + 1);
  }
};

std::vector<float> randomValues(std::size_t count, std::uint64_t seed, float scale) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<float> normal(0.0f, scale);
  std::vector<float> values(count);
  for (float& v : values) v = normal(engine);
  return values;
}

TEST(KernelChoice, WorkerThreadsAreClampedToThePool) {
  SettingsGuard guard;
  WorkerPool& pool = WorkerPool::shared();
  setWorkerThreads(0);
  EXPECT_EQ(pool.threads(), 1);
  setWorkerThreads(1000);
  EXPECT_EQ(pool.threads(), pool.helperThreads() + 1);
  setWorkerThreads(1);
  EXPECT_EQ(pool.threads(), 1);
  int ran = 0;  // one thread: every part on the caller, in order
  auto task = [&](int part) { ran = ran * 10 + part + 1; };
  pool.run(3, task);
  EXPECT_EQ(ran, 123);
}

TEST(KernelChoice, AdamIsBitIdenticalOnEveryKernelAndThreadCount) {
  SettingsGuard guard;
  const std::size_t count = 200'003;  // above the parallel threshold, not a multiple of anything
  const auto start = randomValues(count, 1, 0.1f);
  std::vector<std::vector<float>> results;
  for (const KernelChoice kernel : {KernelChoice::kPortable, KernelChoice::kAuto}) {
    for (const int threads : {1, 2}) {
      setProductKernel(kernel);
      setWorkerThreads(threads);
      Adam adam(count);
      std::vector<float> params = start;
      for (int step = 0; step < 3; ++step) {
        const auto grads = randomValues(count, 10 + static_cast<std::uint64_t>(step), 1.0f);
        adam.step(params, grads, 1e-3f);
      }
      results.push_back(params);
    }
  }
  for (std::size_t r = 1; r < results.size(); ++r) {
    std::size_t differing = 0;
    for (std::size_t i = 0; i < count; ++i) differing += results[r][i] != results[0][i] ? 1 : 0;
    EXPECT_EQ(differing, 0u) << "run " << r << " (portable 1 thread is run 0)";
  }
}

// Eigen handles an array's unaligned head and its tail with scalar code: results must not depend on where
// the arrays start (the heap decides) nor on the build. The same values are placed at 8 offsets.
TEST(KernelChoice, AdamUpdateDoesNotDependOnAlignment) {
  const std::size_t count = 3000;
  const auto params = randomValues(count, 1, 0.1f);
  const auto grads = randomValues(count, 2, 1.0f);
  const auto firstMoment = randomValues(count, 3, 0.01f);
  auto secondMoment = randomValues(count, 4, 0.01f);
  for (float& x : secondMoment) x = x * x;
  const AdamConstants constants{0.9f, 0.999f, 1e-7f, 1e-3f, 0.05f};
  std::vector<float> reference;
  for (const bool avx2 : {false, true}) {
    if (avx2 && !(adamUpdateAvx2Compiled() && vectorKernelAvailable())) continue;
    for (std::size_t offset = 0; offset < 8; ++offset) {
      auto placed = [&](const std::vector<float>& values) {
        std::vector<float> buffer(offset, 0.0f);
        buffer.insert(buffer.end(), values.begin(), values.end());
        return buffer;
      };
      std::vector<float> p = placed(params), g = placed(grads), m = placed(firstMoment),
                         v = placed(secondMoment);
      auto run = avx2 ? adamUpdateAvx2 : adamUpdatePortable;
      run(p.data() + offset, g.data() + offset, m.data() + offset, v.data() + offset, count, constants);
      const std::vector<float> result(p.begin() + static_cast<std::ptrdiff_t>(offset), p.end());
      if (reference.empty()) {
        reference = result;
        continue;
      }
      std::size_t differing = 0;
      for (std::size_t i = 0; i < count; ++i) differing += result[i] != reference[i] ? 1 : 0;
      EXPECT_EQ(differing, 0u) << "offset " << offset << (avx2 ? " avx2" : " portable");
    }
  }
}

vae::ModelShape mediumShape() {
  vae::ModelShape shape;  // 768 cells, products large enough to be split over the worker pool
  shape.planeHidden = 64;
  shape.mergeHidden = 64;
  shape.decoderHidden = 128;
  shape.branchHidden = 128;
  return shape;
}

struct StepResult {
  vae::LossParts loss;
  std::vector<float> gradients;
  std::vector<float> batchNormState;
};

StepResult trainOnce() {
  vae::Vae model(mediumShape(), 3);
  const auto input = vae::testing::makeTestPlanes(32, 24, 32, 4);
  vae::RandomNoise noise(5);
  StepResult result;
  result.loss = model.trainStep(input.batch, 0.7f, noise);
  result.gradients.assign(model.gradients().begin(), model.gradients().end());
  result.batchNormState.assign(model.batchNormState().begin(), model.batchNormState().end());
  return result;
}

TEST(KernelChoice, ThreadCountDoesNotChangeATrainingStep) {
  SettingsGuard guard;
  setWorkerThreads(1);
  const StepResult one = trainOnce();
  setWorkerThreads(2);
  const StepResult two = trainOnce();
  EXPECT_EQ(one.loss.total, two.loss.total);
  EXPECT_EQ(one.gradients, two.gradients);
  EXPECT_EQ(one.batchNormState, two.batchNormState);
}

TEST(KernelChoice, VectorProductsAgreeWithPortableProducts) {
  SettingsGuard guard;
  setProductKernel(KernelChoice::kPortable);
  const StepResult portable = trainOnce();
  setProductKernel(KernelChoice::kAuto);
  const StepResult automatic = trainOnce();
  // Same sums in another order (and fused multiply-adds): float rounding only. Gradients are compared
  // relative to the largest gradient magnitude.
  float largestGradient = 0.0f, largestDifference = 0.0f;
  for (std::size_t i = 0; i < portable.gradients.size(); ++i) {
    largestGradient = std::max(largestGradient, std::fabs(portable.gradients[i]));
    largestDifference =
        std::max(largestDifference, std::fabs(portable.gradients[i] - automatic.gradients[i]));
  }
  std::printf("kernel %s: largest gradient difference %.3g (largest gradient %.3g), loss %.9g vs %.9g\n",
              vectorKernelAvailable() ? "avx2+fma" : "portable only", static_cast<double>(largestDifference),
              static_cast<double>(largestGradient), portable.loss.total, automatic.loss.total);
  EXPECT_LE(largestDifference, 1e-4f * largestGradient);
  EXPECT_NEAR(portable.loss.total, automatic.loss.total, 1e-5 * std::fabs(portable.loss.total));
}

}  // namespace
}  // namespace melodyvae::nn
