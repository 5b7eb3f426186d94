// The SMF reader on the real files of tests/data against values computed by an independent reader, mido
// (tools/midi_expected_values.py writes tests/data/midi/expected_values.json). Every value must be equal.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/midi/smf_reader.h"
#include "tests/unit/midi/song_invariants.h"

namespace melodyvae::midi {
namespace {

const std::filesystem::path kData = MELODYVAE_TEST_DATA;

nlohmann::json expectedValues() {
  std::ifstream in(kData / "midi" / "expected_values.json");
  if (!in) throw std::runtime_error("cannot open tests/data/midi/expected_values.json");
  return nlohmann::json::parse(in);
}

template <typename T>
nlohmann::json orNull(bool present, T value) {
  return present ? nlohmann::json(value) : nlohmann::json(nullptr);
}

// The same values as tools/midi_expected_values.py, computed from our Song.
nlohmann::json valuesOf(const Song& song) {
  std::vector<std::int64_t> perChannel(16, 0);
  std::int64_t startSum = 0, endSum = 0, pitchSum = 0, velocitySum = 0, lastEnd = 0;
  std::int64_t durationSquaredSum = 0, endTimesVelocitySum = 0, overlapping = 0;
  std::map<std::tuple<int, int, int>, std::int64_t> latestEnd;  // (track, channel, pitch) -> tick
  for (const Note& n : song.notes) {
    durationSquaredSum += (n.endTick - n.startTick) * (n.endTick - n.startTick);
    endTimesVelocitySum += n.endTick * n.velocity;
    const auto [entry, isNew] = latestEnd.try_emplace({n.track, n.channel, n.pitch}, n.endTick);
    if (!isNew) {
      if (entry->second > n.startTick) ++overlapping;
      entry->second = std::max(entry->second, n.endTick);
    }
    ++perChannel[n.channel];
    startSum += n.startTick;
    endSum += n.endTick;
    pitchSum += n.pitch;
    velocitySum += n.velocity;
    lastEnd = std::max(lastEnd, n.endTick);
  }
  nlohmann::json tempos = nlohmann::json::array();
  for (const TempoChange& t : song.tempos) tempos.push_back({t.tick, t.microsecondsPerQuarter});
  nlohmann::json signatures = nlohmann::json::array();
  for (const TimeSignature& s : song.timeSignatures)
    signatures.push_back({s.tick, s.numerator, s.denominator});
  const bool any = !song.notes.empty();
  return {
      {"format", song.format},
      {"ticks_per_beat", song.ticksPerQuarter},
      {"track_count", song.trackCount},
      {"note_count", song.notes.size()},
      {"notes_per_channel", perChannel},
      {"tempos", tempos},
      {"time_signatures", signatures},
      {"first_note_start", orNull(any, any ? song.notes.front().startTick : 0)},
      {"last_note_start", orNull(any, any ? song.notes.back().startTick : 0)},
      {"last_note_end", orNull(any, lastEnd)},
      {"end_tick", song.endTick},
      {"start_tick_sum", startSum},
      {"end_tick_sum", endSum},
      {"pitch_sum", pitchSum},
      {"velocity_sum", velocitySum},
      {"duration_squared_sum", durationSquaredSum},
      {"end_times_velocity_sum", endTimesVelocitySum},
      {"overlapping_notes", overlapping},
  };
}

TEST(MidoReference, EveryRealFileGivesMidosValues) {
  const nlohmann::json expected = expectedValues();
  ASSERT_GE(expected.at("files").size(), 9u);
  std::size_t notes = 0;
  for (const auto& [name, values] : expected.at("files").items()) {
    const Song song = readSmfFile(kData / name);
    EXPECT_EQ(testing::songProblem(song), "") << name;
    EXPECT_TRUE(song.warnings.empty()) << name << ": " << song.warnings.front();
    const nlohmann::json ours = valuesOf(song);
    for (const auto& [key, value] : values.items()) {
      EXPECT_EQ(ours.at(key), value) << name << ": " << key << " differs (ours, then mido's)";
    }
    EXPECT_EQ(ours.size(), values.size()) << name << ": the reference has other keys than this test";
    notes += song.notes.size();
  }
  EXPECT_EQ(notes, 9685u) << "the reference files changed; rerun tools/midi_expected_values.py";
}

TEST(MidoReference, TheReferenceCoversEveryTestFile) {
  const nlohmann::json expected = expectedValues();
  for (const char* folder : {"mono", "multitrack"}) {
    for (const auto& entry : std::filesystem::directory_iterator(kData / folder)) {
      if (entry.path().extension() != ".mid") continue;
      const std::string name = std::string(folder) + "/" + entry.path().filename().string();
      EXPECT_TRUE(expected.at("files").contains(name)) << name << " is not in expected_values.json";
    }
  }
}

}  // namespace
}  // namespace melodyvae::midi
