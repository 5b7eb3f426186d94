// The logarithmic duration scale, the fixed-point codes of LoopNote and their inverses.
#include "core/loops/duration.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/loops/loop.h"

namespace melodyvae::loops {
namespace {

TEST(Duration, EndsOfTheScale) {
  EXPECT_DOUBLE_EQ(normalizeDuration(0.5), 0.0);    // 32nd note
  EXPECT_DOUBLE_EQ(normalizeDuration(32.0), 1.0);   // two bars
  EXPECT_NEAR(normalizeDuration(4.0), 0.5, 1e-12);  // a quarter: 8 = sqrt(64) times a 32nd
  EXPECT_NEAR(normalizeDuration(1.0), 1.0 / 6.0, 1e-12);
}

TEST(Duration, ClampsOutsideTheScale) {
  EXPECT_EQ(normalizeDuration(0.0), 0.0);  // zero-length note
  EXPECT_EQ(normalizeDuration(-3.0), 0.0);
  EXPECT_EQ(normalizeDuration(0.1), 0.0);
  EXPECT_EQ(normalizeDuration(1000.0), 1.0);
  EXPECT_EQ(normalizeDuration(std::nan("")), 0.0);
  EXPECT_EQ(denormalizeDuration(-1.0), 0.5);
  EXPECT_EQ(denormalizeDuration(2.0), 32.0);
}

TEST(Duration, InverseRoundTrips) {
  double worst = 0.0;
  for (double steps = 0.5; steps <= 32.0; steps += 0.125) {
    worst = std::max(worst, std::abs(denormalizeDuration(normalizeDuration(steps)) - steps));
  }
  EXPECT_LT(worst, 1e-9) << "largest difference " << worst;
}

TEST(Duration, SixteenBitCodeKeepsTicksExactUpToTwoBars) {
  // At 960 PPQ two bars are 7680 ticks; the 16-bit code must bring every length back to the same tick.
  const int ppq = 960;
  long long worst = 0;
  for (std::int64_t ticks = ppq / 8; ticks <= 8 * ppq; ++ticks) {
    const double steps = 4.0 * static_cast<double>(ticks) / ppq;
    const double back =
        denormalizeDuration(decodeNormalizedDuration(encodeNormalizedDuration(normalizeDuration(steps))));
    worst = std::max(worst, std::abs(std::llround(back * ppq / 4.0) - ticks));
  }
  EXPECT_EQ(worst, 0) << "largest difference in ticks";
}

TEST(FixedPoint, OffsetCodesCoverMinusOneToOne) {
  EXPECT_EQ(encodeOffset(-1.0), -32768);
  EXPECT_EQ(encodeOffset(0.0), 0);
  EXPECT_EQ(encodeOffset(0.99999999), 32767);  // clamped, never wraps to -32768
  EXPECT_EQ(encodeOffset(5.0), 32767);
  EXPECT_EQ(encodeOffset(-5.0), -32768);
  EXPECT_DOUBLE_EQ(decodeOffset(encodeOffset(0.5)), 0.5);
  EXPECT_EQ(encodeNormalizedDuration(-0.5), 0);
  EXPECT_EQ(encodeNormalizedDuration(1.5), 65535);
  EXPECT_DOUBLE_EQ(decodeNormalizedDuration(65535), 1.0);
}

TEST(Velocity, PlaneValueIsOver127) {
  EXPECT_FLOAT_EQ(velocityPlaneValue(127), 1.0f);
  EXPECT_FLOAT_EQ(velocityPlaneValue(1), 1.0f / 127.0f);
}

}  // namespace
}  // namespace melodyvae::loops
