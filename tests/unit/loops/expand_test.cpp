// Expanding loops to the four planes.
#include "core/loops/expand.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/loops/duration.h"

namespace melodyvae::loops {
namespace {

TEST(ExpandLoop, FillsOnsetCellsAndZeroesTheRest) {
  Loop loop;
  loop.push_back({3, 0, 127, 0, encodeNormalizedDuration(1.0), encodeOffset(-1.0)});
  loop.push_back({23, 31, 64, 0, encodeNormalizedDuration(0.5), encodeOffset(0.25)});
  std::vector<float> onset(kCells, 9.0f), velocity(kCells, 9.0f), duration(kCells, 9.0f),
      offset(kCells, 9.0f);
  expandLoop(loop, onset.data(), velocity.data(), duration.data(), offset.data());

  const int first = 3 * kSteps + 0, last = 23 * kSteps + 31;
  EXPECT_EQ(onset[first], 1.0f);
  EXPECT_FLOAT_EQ(velocity[first], 1.0f);
  EXPECT_FLOAT_EQ(duration[first], 1.0f);
  EXPECT_FLOAT_EQ(offset[first], -1.0f);
  EXPECT_EQ(onset[last], 1.0f);
  EXPECT_FLOAT_EQ(velocity[last], 64.0f / 127.0f);
  EXPECT_NEAR(duration[last], 0.5f, 1e-4f);
  EXPECT_FLOAT_EQ(offset[last], 0.25f);
  int nonZero = 0;
  for (int cell = 0; cell < kCells; ++cell) {
    nonZero += onset[cell] != 0.0f;
    if (onset[cell] == 0.0f) {
      ASSERT_EQ(velocity[cell], 0.0f) << "cell " << cell;
      ASSERT_EQ(duration[cell], 0.0f) << "cell " << cell;
      ASSERT_EQ(offset[cell], 0.0f) << "cell " << cell;
    }
  }
  EXPECT_EQ(nonZero, 2);
}

}  // namespace
}  // namespace melodyvae::loops
