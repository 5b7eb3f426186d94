// The SMF writer: the bytes it writes, the order of events at one tick, refusals, and round trips
// through the reader.
#include "core/midi/smf_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "core/midi/smf_reader.h"
#include "tests/unit/midi/smf_bytes.h"

namespace melodyvae::midi {
namespace {

using testing::hex;
using testing::toHex;

Note note(std::int64_t start, std::int64_t end, std::uint8_t pitch, std::uint8_t velocity = 100,
          std::uint8_t channel = 0, std::uint16_t trackIndex = 0) {
  return {start, end, pitch, velocity, channel, trackIndex};
}

Song songOf(std::vector<Note> notes) {
  Song song;
  song.notes = std::move(notes);
  song.trackCount = 1;
  for (const Note& n : song.notes) song.endTick = std::max(song.endTick, n.endTick);
  return song;
}

Song readBack(const std::vector<std::uint8_t>& bytes) {
  return parseSmf(bytes, "written.mid");
}

// Notes as they come back: Note::track t becomes the (rank of t among the song's tracks) + 1.
std::vector<Note> expectedAfterRoundTrip(const Song& song) {
  std::vector<std::uint16_t> tracks;
  for (const Note& n : song.notes) tracks.push_back(n.track);
  std::sort(tracks.begin(), tracks.end());
  tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
  std::vector<Note> notes = song.notes;
  for (Note& n : notes) {
    n.track = static_cast<std::uint16_t>(
        1 + (std::lower_bound(tracks.begin(), tracks.end(), n.track) - tracks.begin()));
  }
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.startTick, a.pitch, a.channel, a.track, a.endTick, a.velocity) <
           std::tie(b.startTick, b.pitch, b.channel, b.track, b.endTick, b.velocity);
  });
  return notes;
}

TEST(SmfWriter, WritesTheExpectedBytes) {
  Song song = songOf({note(0, 480, 60, 100)});
  song.tempos = {{0, 500000}};
  song.timeSignatures = {{0, 3, 4}};
  const std::vector<std::uint8_t> expected =
      hex("4D 54 68 64 00 00 00 06 | 00 01 | 00 02 | 01 E0"
          "4D 54 72 6B 00 00 00 14 | 00 FF 58 04 03 02 18 08 | 00 FF 51 03 07 A1 20 | 83 60 FF 2F 00"
          "4D 54 72 6B 00 00 00 0D | 00 90 3C 64 | 83 60 80 3C 40 | 00 FF 2F 00");
  EXPECT_EQ(toHex(encodeSmf(song)), toHex(expected));
}

TEST(SmfWriter, PutsANoteOffBeforeANoteOnAtTheSameTick) {
  // Repeated C4s that touch: the first note-off must come before the second note-on, else reading pairs
  // the off with the new note.
  const Song song = songOf({note(0, 480, 60), note(480, 960, 60), note(480, 480, 62), note(480, 480, 62)});
  const std::vector<std::uint8_t> bytes = encodeSmf(song);
  // After the header (14 bytes), the conductor track (8 + 5: an end-of-track at 960) and the 'MTrk' header.
  const std::vector<std::uint8_t> noteTrack(bytes.begin() + 14 + 13 + 8, bytes.end());
  EXPECT_EQ(toHex(noteTrack),
            toHex(hex("00 90 3C 64 | 83 60 80 3C 40 | 00 90 3E 64 | 00 80 3E 40 | 00 90 3E 64 | 00 80 3E 40 |"
                      "00 90 3C 64 | 83 60 80 3C 40 | 00 FF 2F 00")));
  const Song back = readBack(bytes);
  EXPECT_EQ(back.notes, expectedAfterRoundTrip(song));
  EXPECT_TRUE(back.warnings.empty());
}

TEST(SmfWriter, RoundTripsOverlappingAndZeroLengthNotes) {
  // The C4s overlap and touch; a zero-length note can only sound while no other note of its pitch does.
  Song song = songOf({note(0, 192, 60, 100), note(96, 288, 60, 80), note(288, 288, 60, 60),
                      note(300, 300, 60, 70), note(0, 1000, 64, 1, 15, 3), note(10, 20, 36, 127, 9, 7),
                      note(5, 5, 0, 5), note(5, 6, 127, 6)});
  song.tempos = {{0, 600000}, {100, 400000}, {100, 450000}};
  song.timeSignatures = {{0, 7, 8}, {300, 2, 2}};
  song.endTick = 5000;
  const Song back = readBack(encodeSmf(song));
  EXPECT_EQ(back.format, 1);
  EXPECT_EQ(back.ticksPerQuarter, song.ticksPerQuarter);
  EXPECT_EQ(back.trackCount, 4);  // the conductor and tracks 0, 3 and 7
  EXPECT_EQ(back.notes, expectedAfterRoundTrip(song));
  EXPECT_EQ(back.tempos, song.tempos);
  EXPECT_EQ(back.timeSignatures, song.timeSignatures);
  EXPECT_EQ(back.endTick, 5000);
  EXPECT_TRUE(back.warnings.empty());
}

TEST(SmfWriter, RoundTripsRandomSongs) {
  std::mt19937 random(20261124);
  for (int round = 0; round < 50; ++round) {
    // Random notes, then read once so that overlapping notes of a pitch are in first-in first-out order
    // (the only order a file can express); that song must survive writing and reading unchanged.
    Song song;
    song.ticksPerQuarter = static_cast<std::uint16_t>(1 + random() % 960);
    const int count = static_cast<int>(random() % 200);
    for (int i = 0; i < count; ++i) {
      const std::int64_t start = random() % 4000;
      song.notes.push_back(
          note(start, start + random() % 3 * (random() % 500), static_cast<std::uint8_t>(40 + random() % 8),
               static_cast<std::uint8_t>(1 + random() % 127), static_cast<std::uint8_t>(random() % 3),
               static_cast<std::uint16_t>(random() % 3)));
    }
    const Song first = readBack(encodeSmf(song));
    ASSERT_EQ(first.notes.size(), song.notes.size());
    const Song second = readBack(encodeSmf(first));
    ASSERT_EQ(second.notes, first.notes) << "round " << round;
    EXPECT_EQ(second.endTick, first.endTick);
  }
}

TEST(SmfWriter, WritesAnEmptySong) {
  const Song back = readBack(encodeSmf(Song{}));
  EXPECT_EQ(back.trackCount, 1);
  EXPECT_TRUE(back.notes.empty());
  EXPECT_TRUE(back.warnings.empty());
}

TEST(SmfWriter, RefusesWhatAFileCannotHold) {
  const auto refuses = [](const Song& song, const std::string& part) {
    try {
      encodeSmf(song);
      ADD_FAILURE() << "accepted; expected an error containing: " << part;
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find(part), std::string::npos) << error.what();
    }
  };
  refuses(songOf({note(0, 1, 128)}), "note 0: pitch 128");
  refuses(songOf({note(0, 1, 60), note(0, 1, 60, 100, 16)}), "note 1: channel 16");
  refuses(songOf({note(0, 1, 60, 0)}), "velocity 0");
  refuses(songOf({note(0, 1, 60, 128)}), "velocity 128");
  refuses(songOf({note(5, 4, 60)}), "end before they start");
  refuses(songOf({note(-1, 4, 60)}), "negative");
  refuses(songOf({note(0, 0x10000000, 60)}), "exceeds the largest SMF delta time");
  Song tempo;
  tempo.tempos = {{0, 0}};
  refuses(tempo, "tempo 0");
  tempo.tempos = {{0, 0x1000000}};
  refuses(tempo, "tempo 0");
  Song signature;
  signature.timeSignatures = {{0, 4, 3}};
  refuses(signature, "time signature 0: 4/3");
  Song division;
  division.ticksPerQuarter = 0x8000;
  refuses(division, "ticksPerQuarter 32768");
}

TEST(SmfWriter, WritesFilesAtomically) {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "melodyvae_smf_writer_test";
  std::filesystem::create_directories(folder);
  const std::filesystem::path path = folder / "song.mid";
  const Song song = songOf({note(0, 240, 72), note(240, 480, 74)});
  writeSmfFile(path, song);
  const Song back = readSmfFile(path);
  EXPECT_EQ(back.notes, expectedAfterRoundTrip(song));
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace melodyvae::midi
