// Clip notes in beats (as Live gives them) to a song: times in beats, not seconds; muted notes skipped.
#include "core/generation/clip.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/generation/encoding.h"
#include "core/loops/loop_extractor.h"
#include "test_model.h"

namespace melodyvae::generation {
namespace {

TEST(Clip, BeatsBecomeTicksAndMutedNotesAreSkipped) {
  const std::vector<ClipNote> notes = {
      {64, 1.0, 0.5, 90, false}, {60, 0.0, 0.25, 200, false}, {62, 0.5, 1.0, 80, true}};
  const midi::Song song = clipToSong(notes);
  ASSERT_EQ(song.notes.size(), 2u);
  EXPECT_EQ(song.notes[0].pitch, 60);
  EXPECT_EQ(song.notes[0].startTick, 0);
  EXPECT_EQ(song.notes[0].endTick, 240);
  EXPECT_EQ(song.notes[0].velocity, 127) << "clamped";
  EXPECT_EQ(song.notes[1].startTick, 960) << "beat 1 is one quarter note, whatever the tempo";
  EXPECT_EQ(song.notes[1].endTick, 1440);
  // In the grid: beat 1 is step 4.
  const loops::Extraction extraction = loops::extractLoops(song, {48, 0, 32});
  ASSERT_EQ(extraction.loops.size(), 1u);
  EXPECT_EQ(extraction.loops[0].notes[1].step, 4);
}

TEST(Clip, InvalidNotesAreNamed) {
  EXPECT_THROW(clipToSong(std::vector<ClipNote>{{128, 0.0, 1.0, 100, false}}), std::invalid_argument);
  EXPECT_THROW(clipToSong(std::vector<ClipNote>{{60, -1.0, 1.0, 100, false}}), std::invalid_argument);
  try {
    clipToSong(std::vector<ClipNote>{{60, 0.0, 1.0, 100, false}, {60, 0.0, NAN, 100, false}});
    FAIL() << "a NaN length was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("clip note 2"), std::string::npos) << error.what();
  }
}

TEST(Clip, EncodesLikeTheSameNotesFromAFile) {
  vae::Vae model = variedModel(8);
  std::vector<ClipNote> notes;
  for (int i = 0; i < 8; ++i) notes.push_back({60 + (i * 5) % 12, 0.5 * i, 0.5, 70 + i, false});
  const std::vector<EncodedWindow> windows = encodeSong(model, clipToSong(notes), 48);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].onsets, 8);
  EXPECT_EQ(windows[0].z.size(), 2u);
}

}  // namespace
}  // namespace melodyvae::generation
