// Grid quantization in integer ticks: divisions not divisible by 4, halves rounded up, offsets in [-1, 1).
#include "core/loops/quantize.h"

#include <gtest/gtest.h>

namespace melodyvae::loops {
namespace {

TEST(QuantizeTick, TickZeroIsStepZeroOnTheGrid) {
  for (const int ppq : {1, 25, 96, 120, 480, 960}) {
    const GridPosition position = quantizeTick(0, ppq);
    EXPECT_EQ(position.step, 0) << "PPQ " << ppq;
    EXPECT_EQ(position.offset, 0.0) << "PPQ " << ppq;
  }
}

TEST(QuantizeTick, ExactlyBetweenTwoStepsRoundsUpWithOffsetMinusOne) {
  // PPQ 480: a step is 120 ticks, half a step 60.
  EXPECT_EQ(quantizeTick(60, 480).step, 1);
  EXPECT_EQ(quantizeTick(60, 480).offset, -1.0);
  EXPECT_EQ(quantizeTick(59, 480).step, 0);
  EXPECT_NEAR(quantizeTick(59, 480).offset, 59.0 / 60.0, 1e-12);
  // PPQ 120: a step is 30 ticks; tick 45 is exactly between steps 1 and 2.
  EXPECT_EQ(quantizeTick(45, 120).step, 2);
  EXPECT_EQ(quantizeTick(45, 120).offset, -1.0);
}

TEST(QuantizeTick, DivisionNotDivisibleByFourUsesExactArithmetic) {
  // PPQ 25: a step is 6.25 ticks. Tick 25 is a quarter note = step 4 exactly.
  EXPECT_EQ(quantizeTick(25, 25).step, 4);
  EXPECT_EQ(quantizeTick(25, 25).offset, 0.0);
  // Tick 3: 4*3/25 = 0.48 steps -> step 0, offset (12 - 0) / 12.5 = 0.96.
  EXPECT_EQ(quantizeTick(3, 25).step, 0);
  EXPECT_NEAR(quantizeTick(3, 25).offset, 0.96, 1e-12);
  // Tick 4: 0.64 steps -> step 1, offset (16 - 25) / 12.5 = -0.72.
  EXPECT_EQ(quantizeTick(4, 25).step, 1);
  EXPECT_NEAR(quantizeTick(4, 25).offset, -0.72, 1e-12);
  // PPQ 25, half step is 3.125 ticks: no tick falls exactly between, tick 3.125 would. Tick 50 = step 8.
  EXPECT_EQ(quantizeTick(50, 25).step, 8);
  // PPQ 1 (a step is a quarter of a tick): every tick is a whole quarter.
  EXPECT_EQ(quantizeTick(7, 1).step, 28);
  EXPECT_EQ(quantizeTick(7, 1).offset, 0.0);
  // PPQ 2: tick 1 = step 2 exactly.
  EXPECT_EQ(quantizeTick(1, 2).step, 2);
}

TEST(QuantizeTick, OffsetStaysInMinusOneToOneForEveryTick) {
  for (const int ppq : {1, 2, 3, 25, 96, 120, 479, 480}) {
    double worstLow = 0.0, worstHigh = 0.0;
    for (std::int64_t tick = 0; tick < 4 * ppq + 7; ++tick) {
      const GridPosition position = quantizeTick(tick, ppq);
      worstLow = std::min(worstLow, position.offset);
      worstHigh = std::max(worstHigh, position.offset);
      // The position reconstructs the tick: t = (step + offset / 2) * PPQ / 4.
      const double back = (static_cast<double>(position.step) + position.offset / 2.0) * ppq / 4.0;
      ASSERT_NEAR(back, static_cast<double>(tick), 1e-9) << "PPQ " << ppq << " tick " << tick;
    }
    EXPECT_GE(worstLow, -1.0) << "PPQ " << ppq;
    EXPECT_LT(worstHigh, 1.0) << "PPQ " << ppq;
  }
}

TEST(TicksToSteps, UsesTheDivision) {
  EXPECT_DOUBLE_EQ(ticksToSteps(480, 480), 4.0);
  EXPECT_DOUBLE_EQ(ticksToSteps(25, 25), 4.0);
  EXPECT_DOUBLE_EQ(ticksToSteps(15, 120), 0.5);
  EXPECT_DOUBLE_EQ(ticksToSteps(0, 96), 0.0);
}

}  // namespace
}  // namespace melodyvae::loops
