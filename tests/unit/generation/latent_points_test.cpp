// Interpolation lines and variation clouds.
#include "core/generation/latent_points.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace melodyvae::generation {
namespace {

TEST(InterpolateLine, RunsEvenlyFromOneEndToTheOtherIncludingBoth) {
  const std::vector<float> from = {-1.0f, 2.0f};
  const std::vector<float> to = {1.0f, -2.0f};
  const std::vector<LatentPoint> points = interpolateLine(from, to, 5);
  ASSERT_EQ(points.size(), 5u);
  EXPECT_EQ(points.front(), from);
  EXPECT_EQ(points.back(), to);
  EXPECT_FLOAT_EQ(points[1][0], -0.5f);
  EXPECT_FLOAT_EQ(points[1][1], 1.0f);
  EXPECT_FLOAT_EQ(points[2][0], 0.0f);
  EXPECT_FLOAT_EQ(points[2][1], 0.0f);
  EXPECT_FLOAT_EQ(points[3][1], -1.0f);
}

TEST(InterpolateLine, RefusesMismatchedOrBadInput) {
  const std::vector<float> two = {0.0f, 0.0f};
  const std::vector<float> three = {0.0f, 0.0f, 0.0f};
  const std::vector<float> nan = {0.0f, std::numeric_limits<float>::quiet_NaN()};
  EXPECT_THROW(interpolateLine(two, three, 4), std::invalid_argument);
  EXPECT_THROW(interpolateLine(two, nan, 4), std::invalid_argument);
  EXPECT_THROW(interpolateLine(two, two, 1), std::invalid_argument);
  EXPECT_THROW(interpolateLine(two, two, kLargestPointCount + 1), std::invalid_argument);
}

double meanDistance(const std::vector<LatentPoint>& points, const std::vector<float>& centre) {
  double sum = 0;
  for (const LatentPoint& point : points) {
    double squares = 0;
    for (std::size_t d = 0; d < centre.size(); ++d) squares += std::pow(point[d] - centre[d], 2);
    sum += std::sqrt(squares);
  }
  return sum / static_cast<double>(points.size());
}

TEST(VariationPoints, SpreadZeroGivesCopiesOfTheCentre) {
  vae::RandomNoise random(7);
  const std::vector<float> centre = {0.3f, -0.7f};
  for (const LatentPoint& point : variationPoints(centre, 6, 0.0f, random)) EXPECT_EQ(point, centre);
}

TEST(VariationPoints, WanderFurtherAsTheSpreadGrowsAndRepeatForASeed) {
  const std::vector<float> centre = {0.3f, -0.7f};
  double previous = 0.0;
  for (const float spread : {0.1f, 0.5f, 2.0f}) {
    vae::RandomNoise random(7);
    const std::vector<LatentPoint> points = variationPoints(centre, 200, spread, random);
    const double distance = meanDistance(points, centre);
    // The mean distance of a 2-D N(0, s^2) point from its centre is s * sqrt(pi / 2) = 1.2533 s.
    EXPECT_NEAR(distance, 1.2533 * spread, 0.15 * spread) << "spread " << spread;
    EXPECT_GT(distance, previous);
    previous = distance;
    vae::RandomNoise again(7);
    EXPECT_EQ(variationPoints(centre, 200, spread, again), points);
  }
}

TEST(VariationPoints, RefusesBadSettings) {
  vae::RandomNoise random(1);
  const std::vector<float> centre = {0.0f, 0.0f};
  EXPECT_THROW(variationPoints(centre, 0, 0.5f, random), std::invalid_argument);
  EXPECT_THROW(variationPoints(centre, 3, -0.1f, random), std::invalid_argument);
  EXPECT_THROW(variationPoints(centre, 3, std::numeric_limits<float>::infinity(), random),
               std::invalid_argument);
  const std::vector<float> nan = {std::numeric_limits<float>::quiet_NaN(), 0.0f};
  EXPECT_THROW(variationPoints(nan, 3, 0.5f, random), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::generation
