// A loop written as a Standard MIDI File and read back gives the same loop (through the SMF writer/reader).
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

#include "core/loops/duration.h"
#include "core/loops/loop_extractor.h"
#include "core/loops/loop_to_notes.h"
#include "core/midi/smf_reader.h"
#include "core/midi/smf_writer.h"

namespace melodyvae::loops {
namespace {

TEST(LoopMidiFile, WriteThenReadGivesTheSameLoop) {
  std::mt19937 random(3);
  for (const int ppq : {96, 120, 480}) {
    // A note every other step, each on its own row (overlapping notes of one pitch would be paired
    // first-in first-out on reading, which may swap their ends), durations between a 32nd and a bar,
    // offsets of +-0.9 at most.
    std::vector<int> rows(kRows);
    std::iota(rows.begin(), rows.end(), 0);
    std::shuffle(rows.begin(), rows.end(), random);
    Loop loop;
    for (int step = 0; step < kSteps; step += 2) {
      LoopNote note;
      note.row = static_cast<std::uint8_t>(rows[static_cast<std::size_t>(step / 2)]);
      note.step = static_cast<std::uint8_t>(step);
      note.velocity = static_cast<std::uint8_t>(1 + random() % 127);
      const double steps = 0.5 + static_cast<double>(random() % 31) / 2.0;
      note.duration = encodeNormalizedDuration(normalizeDuration(steps));
      note.offset = encodeOffset((static_cast<double>(random() % 19) - 9.0) / 10.0);
      loop.push_back(note);
    }
    NoteRenderOptions options;
    options.ticksPerQuarter = ppq;
    options.startTick = 8 * ppq;  // the second window, so that step 0 can start early
    const midi::Song written = loopToSong(loop, options, 100.0);
    const midi::Song read = midi::parseSmf(midi::encodeSmf(written), "loop.mid");
    EXPECT_EQ(read.ticksPerQuarter, ppq);
    ASSERT_EQ(read.notes.size(), loop.size());
    LoopConfig config;
    config.minOnsets = 0;
    const Extraction extraction = extractLoops(read, config);
    ASSERT_EQ(extraction.loops.size(), 1u) << "PPQ " << ppq;
    const Loop& back = extraction.loops[0].notes;
    ASSERT_EQ(back.size(), loop.size());
    // Ticks are whole numbers, so offsets and durations come back to within one tick.
    double worstOffset = 0.0, worstSteps = 0.0;
    for (std::size_t i = 0; i < loop.size(); ++i) {
      ASSERT_EQ(back[i].row, loop[i].row);
      ASSERT_EQ(back[i].step, loop[i].step);
      ASSERT_EQ(back[i].velocity, loop[i].velocity);
      worstOffset =
          std::max(worstOffset, std::abs(decodeOffset(back[i].offset) - decodeOffset(loop[i].offset)));
      worstSteps =
          std::max(worstSteps, std::abs(denormalizeDuration(decodeNormalizedDuration(back[i].duration)) -
                                        denormalizeDuration(decodeNormalizedDuration(loop[i].duration))));
    }
    // One tick is 8 / PPQ in offset units and 4 / PPQ steps; allow half a tick of rounding on each end.
    EXPECT_LE(worstOffset, 4.0 / ppq + 1e-4) << "largest offset difference, PPQ " << ppq;
    EXPECT_LE(worstSteps, 4.0 / ppq + 1e-3) << "largest duration difference in steps, PPQ " << ppq;
  }
}

}  // namespace
}  // namespace melodyvae::loops
