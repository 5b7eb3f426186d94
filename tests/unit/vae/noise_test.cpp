// RandomNoise: defined by the standard's mt19937_64, reproducible, with the right distributions.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

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

}  // namespace
}  // namespace melodyvae::vae
