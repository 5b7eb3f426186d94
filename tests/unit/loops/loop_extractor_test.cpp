// Loop extraction: windows, the onset threshold, drums, pitch fitting, collisions and grid edge cases.
#include "core/loops/loop_extractor.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/loops/duration.h"
#include "song_builder.h"

namespace melodyvae::loops {
namespace {

using testing::SongBuilder;

TEST(LoopExtractor, OnsetThresholdIsStrictlyMoreThanMinOnsets) {
  const midi::Song five = SongBuilder(480).run(0, 5, 60).build();
  const Extraction dropped = extractLoops(five);
  EXPECT_TRUE(dropped.loops.empty());
  ASSERT_EQ(dropped.tooFewOnsets.size(), 1u);
  EXPECT_EQ(dropped.tooFewOnsets[0].onsets, 5);
  EXPECT_EQ(dropped.tooFewOnsets[0].window, 0);

  const midi::Song six = SongBuilder(480).run(0, 6, 60).build();
  const Extraction kept = extractLoops(six);
  ASSERT_EQ(kept.loops.size(), 1u);
  EXPECT_EQ(kept.loops[0].notes.size(), 6u);
  EXPECT_TRUE(kept.tooFewOnsets.empty());

  LoopConfig config;
  config.minOnsets = 4;
  EXPECT_EQ(extractLoops(five, config).loops.size(), 1u);
  config.minOnsets = 0;
  EXPECT_EQ(extractLoops(SongBuilder(480).run(0, 1, 60).build(), config).loops.size(), 1u);
}

TEST(LoopExtractor, OnsetsAreCountedAfterMergingCells) {
  // Six notes, but two share a cell (same pitch and step): 5 onsets, one short of the threshold.
  const midi::Song song = SongBuilder(480).run(0, 5, 60).onGrid(4, 2, 60, 50).build();
  const Extraction extraction = extractLoops(song);
  EXPECT_TRUE(extraction.loops.empty());
  ASSERT_EQ(extraction.tooFewOnsets.size(), 1u);
  EXPECT_EQ(extraction.tooFewOnsets[0].onsets, 5);
}

TEST(LoopExtractor, DrumChannelIndexNineIsExcludedAndIndexTenKept) {
  SongBuilder drums(480), channel11(480);
  for (int i = 0; i < 8; ++i) {
    drums.onGrid(i, 1, 60, 100, 9);
    channel11.onGrid(i, 1, 60, 100, 10);
  }
  const Extraction fromDrums = extractLoops(drums.build());
  EXPECT_TRUE(fromDrums.loops.empty());
  EXPECT_EQ(fromDrums.drumNotes, 8u);
  EXPECT_EQ(fromDrums.notesUsed, 0u);
  EXPECT_EQ(fromDrums.emptyWindows, 1);

  const Extraction fromChannel11 = extractLoops(channel11.build());
  ASSERT_EQ(fromChannel11.loops.size(), 1u);
  EXPECT_EQ(fromChannel11.loops[0].notes.size(), 8u);
  EXPECT_EQ(fromChannel11.drumNotes, 0u);
}

TEST(LoopExtractor, WindowsAreCountedFromTheStartOfTheFile) {
  // Window 0 full, window 1 empty, window 2 with three notes, window 3 full; the song ends at step 128.
  const midi::Song song = SongBuilder(480).run(0, 8, 60).run(64, 3, 62).run(96, 7, 64).build();
  const Extraction extraction = extractLoops(song);
  EXPECT_EQ(extraction.windowCount, 4);
  EXPECT_EQ(extraction.emptyWindows, 1);
  ASSERT_EQ(extraction.loops.size(), 2u);
  EXPECT_EQ(extraction.loops[0].window, 0);
  EXPECT_EQ(extraction.loops[1].window, 3);
  EXPECT_EQ(extraction.loops[1].firstTick, 3 * 32 * 120);
  EXPECT_EQ(extraction.loops[1].notes.front().step, 0);
  EXPECT_EQ(extraction.loops[1].notes.front().row, 64 - 48);
  ASSERT_EQ(extraction.tooFewOnsets.size(), 1u);
  EXPECT_EQ(extraction.tooFewOnsets[0].window, 2);
  EXPECT_EQ(extraction.tooFewOnsets[0].onsets, 3);
}

TEST(LoopExtractor, TrailingSilenceGivesEmptyWindowsAndFarEndsCostNothing) {
  const midi::Song song = SongBuilder(480).run(0, 6, 60).endTick(480 * 8 * 5).build();  // 5 windows
  const Extraction extraction = extractLoops(song);
  EXPECT_EQ(extraction.windowCount, 5);
  EXPECT_EQ(extraction.emptyWindows, 4);

  const midi::Song far = SongBuilder(480).run(0, 6, 60).endTick(std::int64_t{1} << 40).build();
  const Extraction farExtraction = extractLoops(far);
  EXPECT_EQ(farExtraction.loops.size(), 1u);
  EXPECT_EQ(farExtraction.emptyWindows, farExtraction.windowCount - 1);
  EXPECT_GT(farExtraction.windowCount, 100'000'000);

  EXPECT_EQ(extractLoops(SongBuilder(480).build()).windowCount, 0);
}

TEST(LoopExtractor, NoteJustBeforeABoundaryBelongsToTheNextWindowWithNegativeOffset) {
  // Step 32 starts at tick 3840 (PPQ 480, 120 ticks a step). Tick 3800 rounds to step 32.
  SongBuilder builder(480);
  builder.run(0, 6, 60).run(33, 5, 62);
  builder.note(3800, 3900, 67);
  builder.note(3719, 3739, 65);  // 30.99 steps -> step 31 of window 0
  const Extraction extraction = extractLoops(builder.build());
  ASSERT_EQ(extraction.loops.size(), 2u);
  const Loop& second = extraction.loops[1].notes;
  ASSERT_EQ(second.size(), 6u);
  EXPECT_EQ(second[0].step, 0);
  EXPECT_EQ(second[0].row, 67 - 48);
  EXPECT_NEAR(decodeOffset(second[0].offset), (3800.0 - 3840.0) / 60.0, 1e-4);
  const Loop& first = extraction.loops[0].notes;
  ASSERT_EQ(first.size(), 7u);
  EXPECT_EQ(first.back().step, 31);
  EXPECT_NEAR(decodeOffset(first.back().offset), (3719.0 - 3720.0) / 60.0, 1e-4);
}

TEST(LoopExtractor, NoteAtTickZeroIsOnTheGrid) {
  const Extraction extraction = extractLoops(SongBuilder(96).run(0, 6, 60).build());
  ASSERT_EQ(extraction.loops.size(), 1u);
  EXPECT_EQ(extraction.loops[0].notes[0].step, 0);
  EXPECT_EQ(extraction.loops[0].notes[0].offset, 0);
}

TEST(LoopExtractor, DivisionsNotDivisibleByFour) {
  // PPQ 25: a quarter note is 25 ticks, 4 steps. Quarters at ticks 0, 25, ..., 175 -> steps 0, 4, ..., 28.
  SongBuilder builder(25);
  for (int i = 0; i < 8; ++i) builder.note(25 * i, 25 * i + 25, 60 + i);
  const Extraction extraction = extractLoops(builder.build());
  ASSERT_EQ(extraction.loops.size(), 1u);
  const Loop& loop = extraction.loops[0].notes;
  ASSERT_EQ(loop.size(), 8u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(loop[static_cast<std::size_t>(i)].step, 4 * i);
    EXPECT_EQ(loop[static_cast<std::size_t>(i)].offset, 0);
    EXPECT_NEAR(decodeNormalizedDuration(loop[static_cast<std::size_t>(i)].duration), normalizeDuration(4.0),
                1e-4);
  }
  EXPECT_EQ(extraction.windowCount, 1);

  // PPQ 120 (30 ticks a step): tick 45 is exactly between steps 1 and 2 -> step 2, offset -1.
  SongBuilder half(120);
  half.note(45, 60, 60);
  for (int i = 4; i < 9; ++i) half.note(30 * i, 30 * i + 30, 62);
  const Extraction halfExtraction = extractLoops(half.build());
  ASSERT_EQ(halfExtraction.loops.size(), 1u);
  EXPECT_EQ(halfExtraction.loops[0].notes[0].step, 2);
  EXPECT_EQ(halfExtraction.loops[0].notes[0].offset, -32768);

  // PPQ 96: four bars of sixteenths make two windows.
  const Extraction ppq96 = extractLoops(SongBuilder(96).run(0, 64, 60).build());
  ASSERT_EQ(ppq96.loops.size(), 2u);
  EXPECT_EQ(ppq96.loops[1].firstTick, 32 * 24);
  EXPECT_EQ(ppq96.loops[1].notes.size(), 32u);
}

TEST(LoopExtractor, OverlappingSameNotesAndCollisionsKeepTheLouderThenTheLonger) {
  SongBuilder builder(480);
  builder.run(8, 6, 60);
  builder.onGrid(0, 8, 62, 90);   // long and loud
  builder.onGrid(0, 2, 62, 110);  // same cell, louder: wins
  builder.onGrid(1, 2, 64, 80);
  builder.onGrid(1, 6, 64, 80);  // same cell, same loudness, longer: wins
  builder.onGrid(2, 4, 62, 70);  // overlaps the first 62 (still sounding) on a different step: its own cell
  const Extraction extraction = extractLoops(builder.build());
  ASSERT_EQ(extraction.loops.size(), 1u);
  const ExtractedLoop& loop = extraction.loops[0];
  EXPECT_EQ(loop.mergedNotes, 2);
  ASSERT_EQ(loop.notes.size(), 9u);
  EXPECT_EQ(loop.notes[0].row, 62 - 48);
  EXPECT_EQ(loop.notes[0].velocity, 110);
  EXPECT_EQ(loop.notes[1].row, 64 - 48);
  EXPECT_NEAR(decodeNormalizedDuration(loop.notes[1].duration), normalizeDuration(6.0), 1e-4);
  EXPECT_EQ(loop.notes[2].step, 2);
  EXPECT_EQ(loop.notes[2].velocity, 70);
}

TEST(LoopExtractor, ZeroLengthNotesAreOnsetsWithTheShortestDuration) {
  SongBuilder builder(480);
  for (int i = 0; i < 6; ++i) builder.note(120 * i, 120 * i, 60);
  const Extraction extraction = extractLoops(builder.build());
  ASSERT_EQ(extraction.loops.size(), 1u);
  for (const LoopNote& note : extraction.loops[0].notes) EXPECT_EQ(note.duration, 0);
}

TEST(LoopExtractor, ShiftsByOctavesThenFoldsOutliers) {
  // All six notes an octave above the range: shifted down 12, nothing folded.
  const Extraction high = extractLoops(SongBuilder(480).run(0, 6, 74).build());
  ASSERT_EQ(high.loops.size(), 1u);
  EXPECT_EQ(high.loops[0].octaveShift, -12);
  EXPECT_EQ(high.loops[0].foldedNotes, 0);
  EXPECT_EQ(high.loops[0].notes[0].row, 74 - 12 - 48);

  // Six in range and one three octaves up: no shift, the outlier folded to 66 (same pitch class as 102).
  const Extraction outlier = extractLoops(SongBuilder(480).run(0, 6, 60).onGrid(10, 1, 102).build());
  ASSERT_EQ(outlier.loops.size(), 1u);
  EXPECT_EQ(outlier.loops[0].octaveShift, 0);
  EXPECT_EQ(outlier.loops[0].foldedNotes, 1);
  EXPECT_EQ(outlier.loops[0].notes.back().row, 102 - 36 - 48);

  // Another range: rows from 36.
  LoopConfig config;
  config.lowestPitch = 36;
  const Extraction low = extractLoops(SongBuilder(480).run(0, 6, 40).build(), config);
  ASSERT_EQ(low.loops.size(), 1u);
  EXPECT_EQ(low.loops[0].notes[0].row, 4);
}

TEST(LoopExtractor, HopOfSixteenGivesOverlappingWindows) {
  LoopConfig config;
  config.hopSteps = 16;
  const Extraction extraction = extractLoops(SongBuilder(480).run(0, 48, 60).build(), config);
  EXPECT_EQ(extraction.windowCount, 2);  // [0, 32) and [16, 48)
  ASSERT_EQ(extraction.loops.size(), 2u);
  EXPECT_EQ(extraction.loops[1].window, 1);
  EXPECT_EQ(extraction.loops[1].firstTick, 16 * 120);
  EXPECT_EQ(extraction.loops[1].notes.size(), 32u);
  EXPECT_EQ(extraction.notesUsed, 48u);

  // 64 steps: windows at 0, 16 and 32.
  EXPECT_EQ(extractLoops(SongBuilder(480).run(0, 64, 60).build(), config).loops.size(), 3u);
}

TEST(LoopExtractor, RejectsInvalidConfigs) {
  const midi::Song song = SongBuilder(480).run(0, 6, 60).build();
  LoopConfig config;
  config.lowestPitch = 105;
  EXPECT_THROW(extractLoops(song, config), std::invalid_argument);
  config = {};
  config.hopSteps = 0;
  EXPECT_THROW(extractLoops(song, config), std::invalid_argument);
  config.hopSteps = 33;
  EXPECT_THROW(extractLoops(song, config), std::invalid_argument);
  config = {};
  config.minOnsets = -1;
  EXPECT_THROW(extractLoops(song, config), std::invalid_argument);
  midi::Song noDivision = song;
  noDivision.ticksPerQuarter = 0;
  EXPECT_THROW(extractLoops(noDivision), std::invalid_argument);
  config = {};
  config.lowestPitch = 104;
  EXPECT_NO_THROW(extractLoops(song, config));
}

}  // namespace
}  // namespace melodyvae::loops
