// Transposition augmentation: kept only when every note stays inside the rows.
#include "core/loops/augment.h"

#include <gtest/gtest.h>

namespace melodyvae::loops {
namespace {

Loop loopWithRows(int lowRow, int highRow) {
  Loop loop;
  loop.push_back({static_cast<std::uint8_t>(lowRow), 0, 100, 0, 0, 0});
  loop.push_back({static_cast<std::uint8_t>(highRow), 4, 100, 0, 0, 0});
  return loop;
}

TEST(TransposeLoop, KeepsOnlyTranspositionsThatStayInRange) {
  // Rows 12..23 reach the top: every upward transposition leaves the range, every downward one stays.
  const Loop top = loopWithRows(12, 23);
  for (const int semitones : kAugmentTranspositions) {
    EXPECT_EQ(transposeLoop(top, semitones).has_value(), semitones < 0) << semitones;
  }
  // Exactly at the bounds: rows 0..11 may go up 12 (to 12..23) but not down at all.
  const Loop bottom = loopWithRows(0, 11);
  EXPECT_TRUE(transposeLoop(bottom, 12).has_value());
  EXPECT_FALSE(transposeLoop(bottom, -5).has_value());
  // Rows 5..16: -5 lands on row 0 (kept), -7 would go to -2 (dropped), +7 reaches 23 (kept).
  const Loop middle = loopWithRows(5, 16);
  EXPECT_TRUE(transposeLoop(middle, -5).has_value());
  EXPECT_FALSE(transposeLoop(middle, -7).has_value());
  EXPECT_TRUE(transposeLoop(middle, 7).has_value());
  EXPECT_FALSE(transposeLoop(middle, 12).has_value());
}

TEST(TransposeLoop, MovesRowsAndNothingElse) {
  const Loop middle = loopWithRows(5, 16);
  const std::optional<Loop> moved = transposeLoop(middle, 7);
  ASSERT_TRUE(moved.has_value());
  ASSERT_EQ(moved->size(), 2u);
  EXPECT_EQ((*moved)[0].row, 12);
  EXPECT_EQ((*moved)[1].row, 23);
  EXPECT_EQ((*moved)[1].step, 4);
  EXPECT_EQ((*moved)[1].velocity, 100);
}

}  // namespace
}  // namespace melodyvae::loops
