// Scale names, pitch-class sets and row masks.
#include "core/music/scale.h"

#include <gtest/gtest.h>

namespace melodyvae::music {
namespace {

TEST(Scale, ParsesTonicsWithSharpsAndFlatsInAnyCase) {
  EXPECT_EQ(parseScale("C:minor"), (Scale{0, Mode::kMinor}));
  EXPECT_EQ(parseScale("f#:dorian"), (Scale{6, Mode::kDorian}));
  EXPECT_EQ(parseScale("Bb:major"), (Scale{10, Mode::kMajor}));
  EXPECT_EQ(parseScale("cb:major"), (Scale{11, Mode::kMajor}));  // C flat is B
  EXPECT_EQ(parseScale("B#"), (Scale{0, Mode::kMajor}));         // a tonic alone is major
  EXPECT_EQ(parseScale("A aeolian"), (Scale{9, Mode::kMinor}));
  EXPECT_EQ(parseScale("E:MINOR-PENTATONIC"), (Scale{4, Mode::kMinorPentatonic}));
}

TEST(Scale, RefusesWhatIsNotAScaleAndSaysWhatIsAccepted) {
  for (const char* text : {"", "H:minor", "C:foo", "C##:major", ":minor", "Cx:major", "C:"}) {
    try {
      parseScale(text);
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find("C:minor"), std::string::npos) << error.what();
    }
  }
}

TEST(Scale, NamesReadBack) {
  for (int tonic = 0; tonic < 12; ++tonic) {
    for (const Mode mode : {Mode::kMajor, Mode::kMinor, Mode::kLocrian, Mode::kBlues, Mode::kChromatic}) {
      const Scale scale{tonic, mode};
      EXPECT_EQ(parseScale(scaleName(scale)), scale) << scaleName(scale);
    }
  }
  EXPECT_EQ(scaleName({9, Mode::kMinor}), "A:minor");
  EXPECT_EQ(scaleName({1, Mode::kHarmonicMinor}), "C#:harmonic-minor");
}

TEST(Scale, PitchClassMasksHoldTheScalesNotes) {
  // C major: C D E F G A B = bits 0 2 4 5 7 9 11.
  EXPECT_EQ(pitchClassMask({0, Mode::kMajor}), 0b1010'1011'0101);
  // A minor has the same notes as C major.
  EXPECT_EQ(pitchClassMask({9, Mode::kMinor}), pitchClassMask({0, Mode::kMajor}));
  // D dorian too; G mixolydian too.
  EXPECT_EQ(pitchClassMask({2, Mode::kDorian}), pitchClassMask({0, Mode::kMajor}));
  EXPECT_EQ(pitchClassMask({7, Mode::kMixolydian}), pitchClassMask({0, Mode::kMajor}));
  // E minor pentatonic: E G A B D = 4 7 9 11 2.
  EXPECT_EQ(pitchClassMask({4, Mode::kMinorPentatonic}),
            (1 << 4) | (1 << 7) | (1 << 9) | (1 << 11) | (1 << 2));
  EXPECT_EQ(pitchClassMask({5, Mode::kChromatic}), 0xFFF);
  EXPECT_EQ(__builtin_popcount(pitchClassMask({3, Mode::kBlues})), 6);
}

TEST(Scale, RowMaskFollowsTheLowestPitch) {
  // Rows from C3 (48): row 0 = C, row 1 = C#, ... row 12 = C again.
  const std::uint32_t cMajor = rowMask({0, Mode::kMajor}, 48, 24);
  for (int row = 0; row < 24; ++row) {
    const bool inScale = (pitchClassMask({0, Mode::kMajor}) >> (row % 12)) & 1;
    EXPECT_EQ(((cMajor >> row) & 1) != 0, inScale) << "row " << row;
  }
  // From A2 (45), row 0 is A: in C major; row 1 (A#) is not.
  const std::uint32_t fromA = rowMask({0, Mode::kMajor}, 45, 24);
  EXPECT_TRUE(fromA & 1u);
  EXPECT_FALSE(fromA & 2u);
  EXPECT_EQ(rowMask({0, Mode::kChromatic}, 48, 24), (1u << 24) - 1);
  EXPECT_THROW(rowMask({0, Mode::kMajor}, 48, 33), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::music
