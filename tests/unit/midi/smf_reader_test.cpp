// The SMF reader on small hand-written files: events, pairing, formats, divisions, tolerated defects and
// refused files. Offsets in comments count from the start of the file (header 14 bytes, 'MTrk' header 8).
#include "core/midi/smf_reader.h"

#include <gtest/gtest.h>

#include "core/common/atomic_file.h"
#include "tests/unit/midi/smf_bytes.h"

namespace melodyvae::midi {
namespace {

using testing::chunk;
using testing::concat;
using testing::header;
using testing::hex;
using testing::smf;
using testing::track;

constexpr std::size_t kFirstEvent = 22;

Note note(std::int64_t start, std::int64_t end, std::uint8_t pitch, std::uint8_t velocity,
          std::uint8_t channel = 0, std::uint16_t trackIndex = 0) {
  return {start, end, pitch, velocity, channel, trackIndex};
}

Song parse(const std::vector<std::uint8_t>& bytes) {
  return parseSmf(bytes, "test.mid");
}

// The MidiError that parsing throws; fails the test when there is none.
MidiError parseError(const std::vector<std::uint8_t>& bytes) {
  try {
    parse(bytes);
  } catch (const MidiError& error) {
    return error;
  }
  ADD_FAILURE() << "the file was accepted";
  return MidiError("", 0, "");
}

bool hasWarning(const Song& song, const std::string& part) {
  for (const std::string& line : song.warnings) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string allWarnings(const Song& song) {
  std::string text;
  for (const std::string& line : song.warnings) text += line + "\n";
  return text;
}

TEST(SmfReader, ReadsOneNote) {
  const Song song = parse(smf({"00 90 3C 64 | 83 60 80 3C 40 | 00 FF 2F 00"}, 0));
  EXPECT_EQ(song.format, 0);
  EXPECT_EQ(song.ticksPerQuarter, 480);
  EXPECT_EQ(song.trackCount, 1);
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0], note(0, 480, 60, 100));
  EXPECT_EQ(song.endTick, 480);
  EXPECT_TRUE(song.tempos.empty());
  EXPECT_TRUE(song.timeSignatures.empty());
  EXPECT_TRUE(song.warnings.empty()) << allWarnings(song);
}

TEST(SmfReader, FollowsRunningStatus) {
  // One 0x90 status for two note-ons and two note-ons with velocity 0.
  const Song song = parse(smf({"00 90 3C 64 | 60 3E 50 | 83 00 3C 00 | 00 3E 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 2u);
  EXPECT_EQ(song.notes[0], note(0, 480, 60, 100));
  EXPECT_EQ(song.notes[1], note(96, 480, 62, 80));
  EXPECT_TRUE(song.warnings.empty()) << allWarnings(song);
}

TEST(SmfReader, RunningStatusFollowsTheLatestChannelMessage) {
  // After the control change, "40 00" is another control change (sustain off), not a note-off.
  const Song song = parse(smf({"00 90 3C 64 | 00 B0 07 64 | 60 40 00 | 60 80 3C 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0], note(0, 192, 60, 100));
  // Program change and channel pressure take one data byte, also under running status.
  const Song short_ =
      parse(smf({"00 C0 05 | 00 06 | 00 D0 10 | 00 11 | 00 90 3C 64 | 10 3C 00 | 00 FF 2F 00"}));
  ASSERT_EQ(short_.notes.size(), 1u);
  EXPECT_EQ(short_.notes[0], note(0, 16, 60, 100));
}

TEST(SmfReader, MetaEventCancelsRunningStatus) {
  // Byte 31 is the delta time, byte 32 the data byte 0x3C that has no status to run on.
  const MidiError error = parseError(smf({"00 90 3C 64 | 00 FF 01 01 41 | 60 3C 00 | 00 FF 2F 00"}));
  EXPECT_EQ(error.byteOffset(), kFirstEvent + 10);
  EXPECT_NE(error.problem().find("no running status"), std::string::npos) << error.what();
}

TEST(SmfReader, SysexEventsCancelRunningStatus) {
  for (const char* sysex : {"00 F0 03 7E 7F F7", "00 F7 02 F3 01"}) {
    const std::string events = std::string("00 90 3C 64 | ") + sysex + " | 60 3C 00 | 00 FF 2F 00";
    const MidiError error = parseError(smf({events}));
    EXPECT_NE(error.problem().find("no running status"), std::string::npos) << sysex << ": " << error.what();
  }
  // With a fresh status byte after the sysex, all is well.
  const Song song = parse(smf({"00 90 3C 64 | 00 F0 03 7E 7F F7 | 60 80 3C 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0], note(0, 96, 60, 100));
}

TEST(SmfReader, RefusesRunningStatusAtTheStartOfATrack) {
  const MidiError error = parseError(smf({"00 3C 64 | 00 FF 2F 00"}));
  EXPECT_EQ(error.byteOffset(), kFirstEvent + 1);
  EXPECT_EQ(
      error.problem(),
      "expected a status byte, found data byte 0x3C with no running status in effect (meta and sysex events "
      "cancel it)");
}

TEST(SmfReader, BuildsTheTempoMapFromEveryTrack) {
  const Song song = parse(smf({
      // 500000 us at 0, 3/4 at 0, 333333 us at 960
      "00 FF 51 03 07 A1 20 | 00 FF 58 04 03 02 18 08 | 87 40 FF 51 03 05 16 15 | 00 FF 2F 00",
      // a tempo in a note track (1000000 us at 240) and 6/8 at 1920
      "81 70 FF 51 03 0F 42 40 | 00 90 3C 64 | 8D 10 80 3C 00 | 00 FF 58 04 06 03 18 08 | 00 FF 2F 00",
  }));
  const std::vector<TempoChange> tempos = {{0, 500000}, {240, 1000000}, {960, 333333}};
  EXPECT_EQ(song.tempos, tempos);
  const std::vector<TimeSignature> signatures = {{0, 3, 4}, {1920, 6, 8}};
  EXPECT_EQ(song.timeSignatures, signatures);
  EXPECT_NEAR(song.tempos[2].beatsPerMinute(), 180.0, 1e-3);
  EXPECT_EQ(song.endTick, 1920);
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0], note(240, 1920, 60, 100, 0, 1));
}

TEST(SmfReader, KeepsTempoChangesAtTheSameTickInFileOrder) {
  const Song song = parse(smf(
      {"00 FF 51 03 07 A1 20 | 00 FF 51 03 0F 42 40 | 00 FF 2F 00", "00 FF 51 03 05 16 15 | 00 FF 2F 00"}));
  const std::vector<TempoChange> tempos = {{0, 500000}, {0, 1000000}, {0, 333333}};
  EXPECT_EQ(song.tempos, tempos);
}

TEST(SmfReader, IgnoresUnusableTempoAndTimeSignatureEvents) {
  const Song song =
      parse(smf({"00 FF 51 02 07 A1 | 00 FF 51 03 00 00 00 | 00 FF 58 01 04 | 00 FF 58 04 00 02 18 08 | "
                 "00 FF 58 04 04 08 18 08 | 00 FF 2F 00"}));
  EXPECT_TRUE(song.tempos.empty());
  EXPECT_TRUE(song.timeSignatures.empty());
  EXPECT_EQ(song.warnings.size(), 5u) << allWarnings(song);
  EXPECT_TRUE(hasWarning(song, "tempo event at byte 22 has 2 data bytes instead of 3")) << allWarnings(song);
  EXPECT_TRUE(hasWarning(song, "tempo of 0 microseconds")) << allWarnings(song);
  EXPECT_TRUE(hasWarning(song, "unusable time signature")) << allWarnings(song);
}

TEST(SmfReader, SkipsOtherMetaAndSysexEvents) {
  // Track name, text, key signature, sequencer-specific, a long sysex with a two-byte length.
  std::string longSysex = "00 F0 81 00";
  for (int i = 0; i < 127; ++i) longSysex += " 11";
  longSysex += " F7";
  const Song song =
      parse(smf({"00 FF 03 04 4C 65 61 64 | 00 FF 01 00 | 00 FF 59 02 FF 00 | 00 FF 7F 03 00 00 41 | " +
                 longSysex + " | 00 90 3C 64 | 10 80 3C 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0], note(0, 16, 60, 100));
  EXPECT_TRUE(song.warnings.empty()) << allWarnings(song);
}

TEST(SmfReader, NoteOnWithVelocityZeroIsANoteOff) {
  const Song song = parse(smf({"00 91 40 7F | 83 60 91 40 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0], note(0, 480, 64, 127, 1));
}

TEST(SmfReader, PairsOverlappingNotesOfOnePitchFirstInFirstOut) {
  // Two C4s overlap; the first note-off ends the first of them.
  const Song song = parse(smf({"00 90 3C 64 | 60 90 3C 50 | 60 80 3C 40 | 60 80 3C 40 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 2u);
  EXPECT_EQ(song.notes[0], note(0, 192, 60, 100));
  EXPECT_EQ(song.notes[1], note(96, 288, 60, 80));
}

TEST(SmfReader, PairsPerChannelAndPerTrack) {
  // Same pitch on channels 1 and 2: each off ends the note of its own channel.
  const Song song = parse(smf({"00 90 3C 64 | 00 91 3C 50 | 60 81 3C 40 | 60 80 3C 40 | 00 FF 2F 00",
                               "00 90 3C 30 | 83 60 80 3C 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 3u);
  EXPECT_EQ(song.notes[0], note(0, 192, 60, 100, 0, 0));
  EXPECT_EQ(song.notes[1], note(0, 480, 60, 48, 0, 1));
  EXPECT_EQ(song.notes[2], note(0, 96, 60, 80, 1, 0));
}

TEST(SmfReader, ClosesHangingNotesAtTheEndOfTheirTrack) {
  const Song song = parse(
      smf({"00 90 3C 64 | 00 90 3C 50 | 60 80 3C 00 | 83 00 FF 2F 00", "00 90 40 64 | 8F 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 3u);
  EXPECT_EQ(song.notes[0], note(0, 96, 60, 100, 0, 0));
  EXPECT_EQ(song.notes[1], note(0, 480, 60, 80, 0, 0));    // track 0 ends at 480
  EXPECT_EQ(song.notes[2], note(0, 1920, 64, 100, 0, 1));  // track 1 ends at 1920
  EXPECT_EQ(song.endTick, 1920);
  EXPECT_TRUE(
      hasWarning(song, "track 0: 1 notes still sounding at the end of the track were ended there (tick 480)"))
      << allWarnings(song);
}

TEST(SmfReader, IgnoresNoteOffsWithoutANote) {
  const Song song = parse(smf({"00 80 3C 00 | 00 90 3E 64 | 60 80 3E 00 | 00 80 3E 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0], note(0, 96, 62, 100));
  EXPECT_TRUE(hasWarning(song, "track 0: 2 note-offs with no sounding note ignored")) << allWarnings(song);
}

TEST(SmfReader, KeepsZeroLengthNotes) {
  const Song song = parse(smf({"60 90 3C 64 | 00 80 3C 00 | 60 90 3C 64 | 00 3C 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 2u);
  EXPECT_EQ(song.notes[0], note(96, 96, 60, 100));
  EXPECT_EQ(song.notes[1], note(192, 192, 60, 100));
}

TEST(SmfReader, SortsNotesByStartPitchChannelAndTrack) {
  const Song song = parse(
      smf({"00 90 40 64 | 00 90 3C 64 | 00 91 3C 64 | 60 80 40 00 | 00 80 3C 00 | 00 81 3C 00 | 00 FF 2F 00",
           "00 90 3C 64 | 30 90 30 64 | 30 80 3C 00 | 00 80 30 00 | 00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 5u);
  EXPECT_EQ(song.notes[0], note(0, 96, 60, 100, 0, 0));
  EXPECT_EQ(song.notes[1], note(0, 96, 60, 100, 0, 1));
  EXPECT_EQ(song.notes[2], note(0, 96, 60, 100, 1, 0));
  EXPECT_EQ(song.notes[3], note(0, 96, 64, 100, 0, 0));
  EXPECT_EQ(song.notes[4], note(48, 96, 48, 100, 0, 1));
}

TEST(SmfReader, EndTickIsTheLatestEventOfAnyTrack) {
  const Song song =
      parse(smf({"00 FF 51 03 07 A1 20 | 8F 00 FF 2F 00", "00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00"}));
  EXPECT_EQ(song.endTick, 1920);
}

TEST(SmfReader, Format1WithManyTracks) {
  const Song song =
      parse(smf({"00 FF 51 03 07 A1 20 | 00 FF 2F 00", "00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00",
                 "00 99 24 64 | 10 89 24 00 | 00 FF 2F 00"}));
  EXPECT_EQ(song.format, 1);
  EXPECT_EQ(song.trackCount, 3);
  ASSERT_EQ(song.notes.size(), 2u);
  EXPECT_EQ(song.notes[0], note(0, 16, 36, 100, 9, 2));  // drums are notes too
  EXPECT_EQ(song.notes[1], note(0, 96, 60, 100, 0, 1));
}

TEST(SmfReader, Format2PlaysTracksOneAfterAnother) {
  const Song song = parse(smf({"00 FF 51 03 07 A1 20 | 00 90 3C 64 | 83 60 80 3C 00 | 83 60 FF 2F 00",
                               "00 FF 51 03 0F 42 40 | 00 90 3E 64 | 60 80 3E 00 | 00 FF 2F 00",
                               "60 90 40 64 | 60 80 40 00 | 00 FF 2F 00"},
                              2));
  EXPECT_EQ(song.format, 2);
  EXPECT_EQ(song.trackCount, 3);
  ASSERT_EQ(song.notes.size(), 3u);
  EXPECT_EQ(song.notes[0], note(0, 480, 60, 100, 0, 0));
  EXPECT_EQ(song.notes[1], note(960, 1056, 62, 100, 0, 1));   // track 0 ends at 960
  EXPECT_EQ(song.notes[2], note(1152, 1248, 64, 100, 0, 2));  // track 1 ends at 1056
  const std::vector<TempoChange> tempos = {{0, 500000}, {960, 1000000}};
  EXPECT_EQ(song.tempos, tempos);
  EXPECT_EQ(song.endTick, 1248);
}

TEST(SmfReader, ConvertsSmpteDivisionThroughTheTempoMap) {
  // 25 frames per second x 40 ticks per frame = 1000 ticks per second. At 120 BPM (no tempo event) a
  // second is 2 quarters = 960 ticks at 480 per quarter.
  const Song plain = parse(smf({"87 68 90 3C 64 | 87 68 80 3C 00 | 00 FF 2F 00"}, 0, 0xE728));
  EXPECT_EQ(plain.ticksPerQuarter, 480);
  ASSERT_EQ(plain.notes.size(), 1u);
  EXPECT_EQ(plain.notes[0], note(960, 1920, 60, 100));
  EXPECT_EQ(plain.endTick, 1920);

  // A tempo change to 60 BPM after one second: the second second is one quarter.
  const Song mapped = parse(
      smf({"87 68 FF 51 03 0F 42 40 | 00 90 3C 64 | 87 68 80 3C 00 | 00 FF 58 04 03 02 18 08 | 00 FF 2F 00"},
          0, 0xE728));
  ASSERT_EQ(mapped.notes.size(), 1u);
  EXPECT_EQ(mapped.notes[0], note(960, 1440, 60, 100));
  const std::vector<TempoChange> tempos = {{960, 1000000}};
  EXPECT_EQ(mapped.tempos, tempos);
  const std::vector<TimeSignature> signatures = {{1440, 3, 4}};
  EXPECT_EQ(mapped.timeSignatures, signatures);
}

TEST(SmfReader, ConvertsDropFrameSmpte) {
  // 29.97 frames per second x 100 ticks = 2997 ticks per second; 2997 ticks at 120 BPM = 960 ticks.
  const Song song = parse(smf({"00 90 3C 64 | 97 35 80 3C 00 | 00 FF 2F 00"}, 0, 0xE364));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.notes[0].endTick, 960);
}

TEST(SmfReader, RefusesUnknownSmpteRates) {
  const MidiError badRate = parseError(smf({"00 FF 2F 00"}, 0, 0xE928));  // -23 frames per second
  EXPECT_EQ(badRate.byteOffset(), 12u);
  EXPECT_NE(badRate.problem().find("24, 25, 29 or 30 frames per second, found 23"), std::string::npos)
      << badRate.what();
  const MidiError noTicks = parseError(smf({"00 FF 2F 00"}, 0, 0xE700));
  EXPECT_NE(noTicks.problem().find("at least 1 tick per frame"), std::string::npos) << noTicks.what();
}

TEST(SmfReader, AcceptsALongerHeader) {
  const std::vector<std::uint8_t> bytes = concat(
      {chunk("MThd", hex("00 00 00 01 01 E0 | AA BB")), track("00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00")});
  const Song song = parse(bytes);
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_TRUE(song.warnings.empty()) << allWarnings(song);
}

// ---- tolerated defects: a Song and one warning line each ----

TEST(SmfReaderTolerates, MissingEndOfTrack) {
  const Song song = parse(smf({"00 90 3C 64 | 60 80 3C 00", "00 FF 2F 00"}));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_EQ(song.endTick, 96);
  EXPECT_TRUE(hasWarning(song, "track 0: missing end-of-track")) << allWarnings(song);
  EXPECT_EQ(song.warnings.size(), 1u) << allWarnings(song);
}

TEST(SmfReaderTolerates, TrackLengthRunningPastTheEndOfTheFile) {
  const std::vector<std::uint8_t> bytes =
      concat({header(1, 1), chunk("MTrk", hex("00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00"), 0xFFFFFFFF)});
  const Song song = parse(bytes);
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_TRUE(hasWarning(
      song, "track 0 (byte 14): its length 4294967295 runs 4294967283 bytes past the end of the file"))
      << allWarnings(song);
}

TEST(SmfReaderTolerates, AWrongTrackLengthBeforeAnotherTrack) {
  // Track 0 claims to run past the file; after its end-of-track, the next chunk is found where it is.
  const std::vector<std::uint8_t> bytes =
      concat({header(1, 2), chunk("MTrk", hex("00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00"), 0xFFFFFFFF),
              track("00 90 3E 64 | 60 80 3E 00 | 00 FF 2F 00")});
  const Song song = parse(bytes);
  EXPECT_EQ(song.trackCount, 2);
  ASSERT_EQ(song.notes.size(), 2u);
  EXPECT_EQ(song.notes[1], note(0, 96, 62, 100, 0, 1));
  EXPECT_EQ(song.warnings.size(), 1u) << allWarnings(song);

  // When what follows the end-of-track is no chunk, it is ignored like trailing garbage.
  const std::vector<std::uint8_t> noChunk = concat(
      {header(1, 2),
       chunk("MTrk", hex("00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00 | 00 00 00 00 00 00 00 00"), 0xFFFFFFFF)});
  const Song alone = parse(noChunk);
  EXPECT_EQ(alone.trackCount, 1);
  EXPECT_EQ(alone.notes.size(), 1u);
  EXPECT_TRUE(hasWarning(alone, "8 bytes after the last track (from byte 34) ignored")) << allWarnings(alone);
}

TEST(SmfReaderTolerates, AFileCutInsideAnEvent) {
  // The second note-off lost its velocity: the track is read up to there and the note ends at the track's
  // end.
  std::vector<std::uint8_t> bytes =
      smf({"00 90 3C 64 | 00 90 3E 64 | 60 80 3C 00 | 60 80 3E 00 | 00 FF 2F 00"});
  bytes.resize(bytes.size() - 5);
  const Song song = parse(bytes);
  ASSERT_EQ(song.notes.size(), 2u);
  EXPECT_EQ(song.notes[0], note(0, 96, 60, 100));
  EXPECT_EQ(song.notes[1], note(0, 96, 62, 100));
  EXPECT_TRUE(hasWarning(song, "the file ends inside the event starting at byte 34")) << allWarnings(song);
}

TEST(SmfReaderTolerates, UnknownChunksBetweenTracks) {
  const std::vector<std::uint8_t> bytes =
      concat({header(1, 2), chunk("XFIH", hex("01 02 03")), track("00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00"),
              chunk("junk", {}), track("00 FF 2F 00")});
  const Song song = parse(bytes);
  EXPECT_EQ(song.trackCount, 2);
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_TRUE(hasWarning(song, "unknown chunk 'XFIH' at byte 14 skipped")) << allWarnings(song);
  EXPECT_TRUE(hasWarning(song, "unknown chunk 'junk'")) << allWarnings(song);
}

TEST(SmfReaderTolerates, TrailingGarbage) {
  std::vector<std::uint8_t> bytes = smf({"00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00"});
  const std::vector<std::uint8_t> garbage = hex("00 00 0D 0A 1A DE AD BE EF 00 11 22");
  bytes.insert(bytes.end(), garbage.begin(), garbage.end());
  const Song song = parse(bytes);
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_TRUE(hasWarning(song, "12 bytes after the last track (from byte 34) ignored")) << allWarnings(song);
}

TEST(SmfReaderTolerates, FewerTracksThanDeclared) {
  const std::vector<std::uint8_t> bytes =
      concat({header(1, 3), track("00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00")});
  const Song song = parse(bytes);
  EXPECT_EQ(song.trackCount, 1);
  EXPECT_TRUE(hasWarning(song, "the header declares 3 tracks but the file holds 1")) << allWarnings(song);
}

TEST(SmfReaderTolerates, BytesAfterTheEndOfTrackEvent) {
  const Song song = parse(smf({"00 90 3C 64 | 60 80 3C 00 | 00 FF 2F 00 | 00 00 00"}));
  ASSERT_EQ(song.notes.size(), 1u);
  EXPECT_TRUE(hasWarning(song, "track 0: 3 bytes after the end-of-track event")) << allWarnings(song);
}

TEST(SmfReaderTolerates, AHeaderOnly) {
  const Song song = parse(header(1, 2));
  EXPECT_EQ(song.trackCount, 0);
  EXPECT_TRUE(song.notes.empty());
  EXPECT_TRUE(hasWarning(song, "declares 2 tracks but the file holds 0")) << allWarnings(song);
}

TEST(SmfReaderTolerates, ManyDefectsWithABoundedWarningList) {
  std::vector<std::uint8_t> bytes = header(1, 1);
  for (int i = 0; i < 500; ++i) {
    const std::vector<std::uint8_t> junk = chunk("JUNK", {});
    bytes.insert(bytes.end(), junk.begin(), junk.end());
  }
  const Song song = parse(bytes);
  EXPECT_EQ(song.warnings.size(), 101u);
  EXPECT_EQ(song.warnings.back(), "... and 401 more warnings");
}

// ---- refused files: MidiError naming the file, the offset and what was expected ----

TEST(SmfReaderRefuses, AnEmptyFile) {
  const MidiError error = parseError({});
  EXPECT_STREQ(error.what(), "'test.mid': byte 0: expected the 'MThd' header chunk, found an empty file");
  EXPECT_EQ(error.file(), "test.mid");
}

TEST(SmfReaderRefuses, SomethingElse) {
  const MidiError error = parseError(hex("52 49 46 46 00 00 00 04 52 4D 49 44"));
  EXPECT_EQ(error.byteOffset(), 0u);
  EXPECT_NE(error.problem().find("expected the 'MThd' header chunk, found 'RIFF' (a RIFF MIDI file"),
            std::string::npos)
      << error.what();
  const MidiError binary = parseError(hex("00 01 02 03 04 05"));
  EXPECT_EQ(binary.problem(), "expected the 'MThd' header chunk, found bytes 00 01 02 03");
}

TEST(SmfReaderRefuses, ABadHeader) {
  EXPECT_EQ(parseError(chunk("MThd", hex("00 01 00 01"))).problem(),
            "expected a header chunk length of at least 6, found 4");
  EXPECT_EQ(parseError(header(3, 1)).problem(), "expected format 0, 1 or 2, found 3");
  EXPECT_EQ(parseError(header(1, 1, 0)).problem(),
            "expected a division of 1..32767 ticks per quarter note, found 0");
  const MidiError huge = parseError(concat({chunk("MThd", hex("00 01 00 01 01 E0"), 0xFFFFFFFF)}));
  EXPECT_EQ(huge.byteOffset(), 4u);
  EXPECT_NE(huge.problem().find("found 4294967295"), std::string::npos) << huge.what();
  const MidiError cut = parseError(hex("4D 54 68 64 00 00"));
  EXPECT_EQ(cut.byteOffset(), 4u);
  EXPECT_EQ(cut.problem(), "expected the header chunk's length, found the end of the file");
}

TEST(SmfReaderRefuses, ABinaryChunkWhereATrackShouldBe) {
  const std::vector<std::uint8_t> bytes =
      concat({header(1, 2), track("00 FF 2F 00"), hex("00 FF 2F 00 00 00 00 00")});
  const MidiError error = parseError(bytes);
  EXPECT_STREQ(error.what(), "'test.mid': byte 26: expected an 'MTrk' chunk, found bytes 00 FF 2F 00");
}

TEST(SmfReaderRefuses, StatusBytesThatDoNotBelongInAFile) {
  const MidiError error = parseError(smf({"00 F4 | 00 FF 2F 00"}));
  EXPECT_EQ(error.byteOffset(), kFirstEvent + 1);
  EXPECT_NE(error.problem().find("found 0xF4"), std::string::npos) << error.what();
}

TEST(SmfReaderRefuses, AStatusByteWhereDataShouldBe) {
  const MidiError error = parseError(smf({"00 90 3C 90 | 00 FF 2F 00"}));
  EXPECT_EQ(error.byteOffset(), kFirstEvent + 3);
  EXPECT_EQ(error.problem(), "expected a note velocity (a data byte 0..127), found 0x90");
}

TEST(SmfReaderRefuses, ADeltaTimeLongerThanFourBytes) {
  const MidiError error = parseError(smf({"80 80 80 80 00 90 3C 64 | 00 FF 2F 00"}));
  EXPECT_EQ(error.byteOffset(), kFirstEvent);
  EXPECT_NE(error.problem().find("at most 4 bytes"), std::string::npos) << error.what();
}

TEST(SmfReaderRefuses, AnEventRunningPastItsChunk) {
  // The text event claims 16 bytes; the chunk ends first (and the file goes on, so the length is not the
  // file's fault).
  const MidiError error = parseError(smf({"00 FF 01 10 41 42 | 00 FF 2F 00", "00 FF 2F 00"}));
  EXPECT_EQ(error.byteOffset(), kFirstEvent + 4);
  EXPECT_EQ(error.problem(),
            "expected the meta event's data, found the end of the chunk (which ends at byte 32)");
}

TEST(SmfReaderRefuses, AnUnreadableFileWithTheFileError) {
  EXPECT_THROW(readSmfFile("/nonexistent/folder/song.mid"), FileReadError);
}

}  // namespace
}  // namespace melodyvae::midi
