// Broken input never crashes the reader: real files cut at every byte, lengths set to 0xFFFFFFFF, damaged
// bytes and random garbage each give a MidiError naming the file and an offset, or a sound Song.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "core/common/atomic_file.h"
#include "core/midi/smf_reader.h"
#include "tests/unit/midi/smf_bytes.h"
#include "tests/unit/midi/song_invariants.h"

namespace melodyvae::midi {
namespace {

using testing::header;
using testing::songProblem;

const std::filesystem::path kMultitrack = std::filesystem::path(MELODYVAE_TEST_DATA) / "multitrack";

std::vector<std::uint8_t> realFile(const char* name) {
  return readWholeFile(kMultitrack / name);
}

struct Outcome {
  bool accepted = false;
  std::string problem;  // empty when the outcome is acceptable
};

// Parses `bytes`; the outcome is fine when the Song is sound or the MidiError names the file and an offset
// inside it (or just past its end).
Outcome tryParse(const std::vector<std::uint8_t>& bytes) {
  const std::string name = "broken.mid";
  Outcome outcome;
  try {
    const Song song = parseSmf(bytes, name);
    outcome.accepted = true;
    outcome.problem = songProblem(song);
  } catch (const MidiError& error) {
    const std::string text = error.what();
    const std::string prefix = "'broken.mid': byte " + std::to_string(error.byteOffset()) + ": expected ";
    if (error.file() != name || text.rfind(prefix, 0) != 0) outcome.problem = "badly worded error: " + text;
    if (error.byteOffset() > bytes.size()) outcome.problem = "offset beyond the file: " + text;
  }
  return outcome;
}

// Offsets of every chunk's length field (after the 4-byte id), walking the chunks as declared.
std::vector<std::size_t> chunkLengthOffsets(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::size_t> offsets;
  std::size_t offset = 0;
  while (offset + 8 <= bytes.size()) {
    offsets.push_back(offset + 4);
    const std::uint32_t length = (std::uint32_t{bytes[offset + 4]} << 24) |
                                 (std::uint32_t{bytes[offset + 5]} << 16) |
                                 (std::uint32_t{bytes[offset + 6]} << 8) | bytes[offset + 7];
    offset += 8 + std::size_t{length};
  }
  return offsets;
}

// Cuts `name` at every byte up to `everyByteUpTo`, then at every `stride`-th byte (reading a prefix costs
// its length, so cutting a large file at every byte would cost its length squared; keep this fast under
// the sanitizers).
void cutEverywhere(const char* name, std::size_t everyByteUpTo, std::size_t stride) {
  const std::vector<std::uint8_t> whole = realFile(name);
  std::size_t accepted = 0;
  std::size_t tried = 0;
  for (std::size_t length = 0; length < whole.size(); length += length < everyByteUpTo ? 1 : stride) {
    const std::vector<std::uint8_t> cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(length));
    const Outcome outcome = tryParse(cut);
    ASSERT_EQ(outcome.problem, "") << name << " cut to " << length << " bytes";
    accepted += outcome.accepted ? 1 : 0;
    ++tried;
  }
  // Once the header is whole (14 bytes), a file cut between or inside events reads up to the cut.
  EXPECT_EQ(accepted, tried - 14) << name;
}

TEST(BrokenFiles, RealFilesCutAtEveryByte) {
  cutEverywhere("freedoom1_D_INTROA.mid", 545, 1);    // the whole file: 3 tracks, notes, meta events
  cutEverywhere("freedoom1_D_VICTOR.mid", 3000, 11);  // header, conductor and the first tracks at every byte
}

TEST(BrokenFiles, ACutFileKeepsTheNotesBeforeTheCut) {
  const std::vector<std::uint8_t> whole = realFile("freedoom1_D_INTROA.mid");
  const Song full = parseSmf(whole, "whole.mid");
  const std::vector<std::uint8_t> half(whole.begin(),
                                       whole.begin() + static_cast<std::ptrdiff_t>(whole.size() / 2));
  const Song cut = parseSmf(half, "half.mid");
  ASSERT_FALSE(cut.warnings.empty());
  // Notes that ended before the cut tick are the same in both.
  std::size_t matched = 0;
  for (const Note& n : cut.notes) {
    if (n.endTick < cut.endTick) {
      EXPECT_NE(std::find(full.notes.begin(), full.notes.end(), n), full.notes.end());
      ++matched;
    }
  }
  EXPECT_GT(matched, 0u);
}

TEST(BrokenFiles, ChunkLengthsSetToTheLargestValue) {
  for (const char* name : {"freedoom1_D_INTROA.mid", "freedoom1_D_VICTOR.mid", "freedoom2_D_DEAD2.mid"}) {
    const std::vector<std::uint8_t> whole = realFile(name);
    const std::vector<std::size_t> lengths = chunkLengthOffsets(whole);
    ASSERT_GE(lengths.size(), 2u);
    std::vector<std::uint8_t> all = whole;
    for (const std::size_t offset : lengths) {
      std::vector<std::uint8_t> one = whole;
      for (std::size_t i = 0; i < 4; ++i) one[offset + i] = all[offset + i] = 0xFF;
      const Outcome outcome = tryParse(one);
      EXPECT_EQ(outcome.problem, "") << name << ": length at byte " << offset;
      if (offset != 4) {
        EXPECT_TRUE(outcome.accepted) << name << ": a track length at byte " << offset;
      }
    }
    EXPECT_EQ(tryParse(all).problem, "") << name << ": every length";
  }
}

TEST(BrokenFiles, DamagedBytes) {
  std::mt19937 random(12345);
  const std::vector<std::uint8_t> whole = realFile("freedoom1_D_VICTOR.mid");
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::uint8_t> damaged = whole;
    const int count = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < count; ++i) damaged[random() % damaged.size()] = static_cast<std::uint8_t>(random());
    const Outcome outcome = tryParse(damaged);
    ASSERT_EQ(outcome.problem, "") << "round " << round;
  }
}

TEST(BrokenFiles, RandomGarbage) {
  std::mt19937 random(2026);
  for (int round = 0; round < 2000; ++round) {
    // Half the time behind a valid header, so that the track reader sees the garbage too.
    std::vector<std::uint8_t> bytes;
    if (round % 2 == 0) {
      bytes = header(static_cast<std::uint16_t>(round % 3), static_cast<std::uint16_t>(1 + random() % 4));
      const std::vector<std::uint8_t> mtrk = {'M',
                                              'T',
                                              'r',
                                              'k',
                                              0,
                                              0,
                                              static_cast<std::uint8_t>(random() % 4),
                                              static_cast<std::uint8_t>(random())};
      bytes.insert(bytes.end(), mtrk.begin(), mtrk.end());
    }
    const std::size_t length = random() % 600;
    for (std::size_t i = 0; i < length; ++i) bytes.push_back(static_cast<std::uint8_t>(random()));
    const Outcome outcome = tryParse(bytes);
    ASSERT_EQ(outcome.problem, "") << "round " << round;
  }
}

TEST(BrokenFiles, EmptyFileAndHeaderOnly) {
  EXPECT_FALSE(tryParse({}).accepted);
  EXPECT_EQ(tryParse({}).problem, "");
  const Outcome headerOnly = tryParse(header(1, 4));
  EXPECT_TRUE(headerOnly.accepted);
  EXPECT_EQ(headerOnly.problem, "");
}

}  // namespace
}  // namespace melodyvae::midi
