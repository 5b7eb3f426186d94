// Octave shift choice and octave folding into the 24 rows.
#include "core/loops/pitch_range.h"

#include <gtest/gtest.h>

#include <vector>

namespace melodyvae::loops {
namespace {

TEST(ChooseOctaveShift, KeepsAMelodyAlreadyInRange) {
  const std::vector<int> pitches{48, 55, 60, 71};
  EXPECT_EQ(chooseOctaveShift(pitches, 48), 0);
}

TEST(ChooseOctaveShift, PrefersTheSmallestShiftThatFitsMost) {
  // 72..77 fit with -12 and with -24: the smaller shift wins.
  const std::vector<int> high{72, 73, 74, 75, 76, 77};
  EXPECT_EQ(chooseOctaveShift(high, 48), -12);
  // 20..30 need +24 (20+24 = 44 is still below 48 with +24? no: 44 < 48) -> +36 puts all of them in 56..66,
  // +24 puts 28..30 -> 52..54 and 24..27 -> 48..51 but not 20..23.
  const std::vector<int> low{20, 24, 30};
  EXPECT_EQ(chooseOctaveShift(low, 48), 36);
}

TEST(ChooseOctaveShift, MajorityWinsOverOutliers) {
  // Five notes in range, one far above: shift 0 keeps five, moving down would keep only the outlier.
  const std::vector<int> pitches{60, 62, 64, 65, 67, 100};
  EXPECT_EQ(chooseOctaveShift(pitches, 48), 0);
}

TEST(ChooseOctaveShift, TieBetweenUpAndDownGoesDown) {
  // 36 fits only with +12 or +24, 83 only with -12 or -24: one note each way; shift 0 fits none.
  const std::vector<int> pitches{36, 83};
  EXPECT_EQ(chooseOctaveShift(pitches, 48), -12);
  EXPECT_EQ(chooseOctaveShift(std::vector<int>{}, 48), 0);
}

TEST(FoldIntoRange, KeepsPitchClassAndLandsInRangeForEveryPitchAndRange) {
  for (int lowest = 0; lowest <= 104; ++lowest) {
    for (int pitch = 0; pitch <= 127; ++pitch) {
      const int folded = foldIntoRange(pitch, lowest);
      ASSERT_GE(folded, lowest);
      ASSERT_LE(folded, lowest + 23);
      ASSERT_EQ(folded % 12, pitch % 12) << "pitch " << pitch << " range from " << lowest;
      if (pitch >= lowest && pitch <= lowest + 23) {
        ASSERT_EQ(folded, pitch);
      }
    }
  }
  EXPECT_EQ(foldIntoRange(90, 48), 66);
  EXPECT_EQ(foldIntoRange(0, 48), 48);
  EXPECT_EQ(foldIntoRange(127, 48), 67);
}

}  // namespace
}  // namespace melodyvae::loops
