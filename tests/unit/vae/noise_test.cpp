// RandomNoise: defined by the standard's mt19937_64, reproducible, with the right distributions, and the
// same keep-masks for any thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/nn/kernel_choice.h"
#include "core/nn/worker_pool.h"
#include "core/vae/noise_source.h"

namespace melodyvae::vae {
namespace {

TEST(RandomNoise, UniformComesFromTheStandardEngine) {
  // The standard fixes mt19937_64's first output for the default seed 5489: 14514284786278117030.
  RandomNoise noise(5489);
  EXPECT_EQ(noise.uniform(), static_cast<double>(14514284786278117030ull >> 11) * 0x1.0p-53);
}

TEST(RandomNoise, SameSeedSameDraws) {
  RandomNoise a(17), b(17), c(18);
  std::vector<float> x(101), y(101), z(101);
  a.normal(x);
  b.normal(y);
  c.normal(z);
  EXPECT_EQ(x, y);
  EXPECT_NE(x, z);
}

TEST(RandomNoise, NormalAndKeepMaskHaveTheRightMoments) {
  RandomNoise noise(3);
  std::vector<float> eps(200000);
  noise.normal(eps);
  double sum = 0, squares = 0;
  for (float e : eps) {
    sum += e;
    squares += static_cast<double>(e) * e;
  }
  const double n = static_cast<double>(eps.size());
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(squares / n, 1.0, 0.01);
  std::vector<float> mask(200000);
  noise.keepMask(mask, 0.2f);
  double kept = 0;
  for (float m : mask) {
    ASSERT_TRUE(m == 0.0f || m == 1.0f);
    kept += m;
  }
  EXPECT_NEAR(kept / n, 0.8, 0.005);
}

TEST(RandomNoise, KeepMaskDoesNotDependOnTheThreadCount) {
  // Large masks are filled in parallel parts; any thread count gives the same mask, small or large.
  const int threads = nn::WorkerPool::shared().threads();
  for (const std::size_t size : {std::size_t{7}, std::size_t{100001}}) {
    std::vector<float> one(size), all(size);
    nn::setWorkerThreads(1);
    RandomNoise a(11);
    a.keepMask(one, 0.2f);
    nn::setWorkerThreads(4);
    RandomNoise b(11);
    b.keepMask(all, 0.2f);
    EXPECT_EQ(one, all) << size << " values";
  }
  nn::setWorkerThreads(threads);
}

TEST(RandomNoise, KeepMaskIsTheSameWithEitherKernel) {
  // x86-64 fills masks with an AVX2 build of the same integer operations when the CPU has it.
  for (const std::size_t size : {std::size_t{7}, std::size_t{100001}}) {
    std::vector<float> portable(size), automatic(size);
    nn::setProductKernel(nn::KernelChoice::kPortable);
    RandomNoise a(12);
    a.keepMask(portable, 0.2f);
    nn::setProductKernel(nn::KernelChoice::kAuto);
    RandomNoise b(12);
    b.keepMask(automatic, 0.2f);
    EXPECT_EQ(portable, automatic) << size << " values";
  }
}

}  // namespace
}  // namespace melodyvae::vae
