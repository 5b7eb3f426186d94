// The way back: loops to notes and songs, and the round trip song -> loops -> notes.
#include "core/loops/loop_to_notes.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "core/loops/duration.h"
#include "core/loops/loop_extractor.h"
#include "song_builder.h"

namespace melodyvae::loops {
namespace {

TEST(LoopToNotes, PlacesNotesFromRowStepOffsetAndDuration) {
  Loop loop;
  loop.push_back({0, 4, 90, 0, encodeNormalizedDuration(normalizeDuration(4.0)), encodeOffset(-0.5)});
  NoteRenderOptions options;
  options.ticksPerQuarter = 480;
  options.startTick = 3840;
  options.channel = 3;
  const std::vector<midi::Note> asStored = loopToNotes(loop, options);
  ASSERT_EQ(asStored.size(), 1u);
  EXPECT_EQ(asStored[0].pitch, 48);
  EXPECT_EQ(asStored[0].velocity, 90);
  EXPECT_EQ(asStored[0].channel, 3);
  EXPECT_EQ(asStored[0].startTick, 3840 + 4 * 120 - 30);  // -0.5 offset = a quarter of a step early
  EXPECT_EQ(asStored[0].endTick - asStored[0].startTick, 480);

  options.offsetScale = 0.0;
  EXPECT_EQ(loopToNotes(loop, options)[0].startTick, 3840 + 480);
  options.offsetScale = 2.0;
  EXPECT_EQ(loopToNotes(loop, options)[0].startTick, 3840 + 480 - 60);
}

TEST(LoopToNotes, NeverStartsBeforeTickZeroAndLastsAtLeastOneTick) {
  Loop loop;
  loop.push_back({5, 0, 1, 0, 0, encodeOffset(-1.0)});
  NoteRenderOptions options;
  options.ticksPerQuarter = 1;
  const std::vector<midi::Note> notes = loopToNotes(loop, options);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].startTick, 0);
  EXPECT_EQ(notes[0].endTick, 1);
  options.ticksPerQuarter = 0;
  EXPECT_THROW(loopToNotes(loop, options), std::invalid_argument);
}

TEST(LoopToSong, HasOneTrackATempoAndFourFour) {
  Loop loop;
  loop.push_back({12, 0, 100, 0, encodeNormalizedDuration(normalizeDuration(2.0)), 0});
  const midi::Song song = loopToSong(loop, {}, 90.0);
  EXPECT_EQ(song.trackCount, 1);
  ASSERT_EQ(song.tempos.size(), 1u);
  EXPECT_NEAR(song.tempos[0].beatsPerMinute(), 90.0, 1e-3);
  ASSERT_EQ(song.timeSignatures.size(), 1u);
  EXPECT_EQ(song.timeSignatures[0].numerator, 4);
  EXPECT_EQ(song.timeSignatures[0].denominator, 4);
  EXPECT_EQ(song.endTick, 8 * 480);
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0].pitch, 60);
  EXPECT_THROW(loopToSong(loop, {}, 0.0), std::invalid_argument);
}

// A random melody, one note per step at most, inside the range, durations up to two bars, at a division;
// when `jitter` the starts are off the grid by less than half a step.
midi::Song randomMelody(int ppq, int bars, bool jitter, unsigned seed) {
  std::mt19937 random(seed);
  testing::SongBuilder builder(ppq);
  for (int step = 0; step < bars * 16; ++step) {
    if (random() % 3 == 0) continue;
    // Start: step * PPQ / 4 rounded down, moved by up to +-(PPQ/8 - 1) ticks when jittering.
    std::int64_t start = std::int64_t{step} * ppq / 4;
    if (jitter && ppq >= 16) {
      const int spread = ppq / 8 - 1;
      start += static_cast<int>(random() % static_cast<unsigned>(2 * spread + 1)) - spread;
      if (start < 0) start = 0;
    }
    // From a 32nd note (PPQ / 8 ticks, rounded up) to just under two bars.
    const std::int64_t shortest = (ppq + 7) / 8;
    const std::int64_t length =
        shortest + static_cast<std::int64_t>(random() % static_cast<unsigned>(8 * ppq - shortest));
    builder.note(start, start + length, 48 + static_cast<int>(random() % 24),
                 1 + static_cast<int>(random() % 127));
  }
  return builder.build();
}

void expectRoundTrip(const midi::Song& song) {
  LoopConfig config;
  config.minOnsets = 0;
  const Extraction extraction = extractLoops(song, config);
  std::vector<midi::Note> back;
  for (const ExtractedLoop& loop : extraction.loops) {
    EXPECT_EQ(loop.octaveShift, 0);
    NoteRenderOptions options;
    options.ticksPerQuarter = song.ticksPerQuarter;
    options.startTick = loop.window * 8 * song.ticksPerQuarter;  // 32 steps = 8 quarters, exact in ticks
    const std::vector<midi::Note> notes = loopToNotes(loop.notes, options);
    back.insert(back.end(), notes.begin(), notes.end());
  }
  ASSERT_EQ(back.size(), song.notes.size());
  std::int64_t worstStart = 0, worstEnd = 0;
  for (std::size_t i = 0; i < back.size(); ++i) {
    ASSERT_EQ(back[i].pitch, song.notes[i].pitch) << "note " << i;
    ASSERT_EQ(back[i].velocity, song.notes[i].velocity) << "note " << i;
    worstStart = std::max(worstStart, std::abs(back[i].startTick - song.notes[i].startTick));
    worstEnd = std::max(worstEnd, std::abs(back[i].endTick - song.notes[i].endTick));
  }
  EXPECT_EQ(worstStart, 0) << "largest start difference in ticks, PPQ " << song.ticksPerQuarter;
  EXPECT_EQ(worstEnd, 0) << "largest end difference in ticks, PPQ " << song.ticksPerQuarter;
}

TEST(LoopRoundTrip, QuantizedMelodyComesBackNoteForNote) {
  // Quantized: on the grid, durations whole sixteenths.
  testing::SongBuilder builder(480);
  const int pitches[] = {60, 62, 64, 65, 67, 69, 71, 70, 48, 55};
  for (int i = 0; i < 40; ++i) builder.onGrid(i * 3, 1 + i % 7, pitches[i % 10], 40 + i);
  const midi::Song song = builder.build();
  LoopConfig config;
  config.minOnsets = 0;
  const Extraction extraction = extractLoops(song, config);
  std::vector<midi::Note> back;
  for (const ExtractedLoop& loop : extraction.loops) {
    NoteRenderOptions options;
    options.startTick = loop.window * 8 * 480;
    const std::vector<midi::Note> notes = loopToNotes(loop.notes, options);
    back.insert(back.end(), notes.begin(), notes.end());
  }
  EXPECT_EQ(back, song.notes);

  // And through a Song: the single-loop song holds the same notes.
  const midi::Song loopSong = loopToSong(extraction.loops[0].notes);
  const Extraction again = extractLoops(loopSong, config);
  ASSERT_EQ(again.loops.size(), 1u);
  EXPECT_EQ(again.loops[0].notes, extraction.loops[0].notes);
}

TEST(LoopRoundTrip, OffGridStartsComeBackToTheTickAtSeveralDivisions) {
  for (const int ppq : {96, 120, 480, 960}) {
    expectRoundTrip(randomMelody(ppq, 8, /*jitter=*/true, static_cast<unsigned>(ppq)));
  }
  expectRoundTrip(randomMelody(25, 8, false, 25));
}

}  // namespace
}  // namespace melodyvae::loops
