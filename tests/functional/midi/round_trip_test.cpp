// Real files read, written and read again give the same notes, tempo map, time signatures and end;
// writing that again gives the same bytes.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/common/atomic_file.h"
#include "core/midi/smf_reader.h"
#include "core/midi/smf_writer.h"

namespace melodyvae::midi {
namespace {

const std::filesystem::path kData = MELODYVAE_TEST_DATA;

std::vector<std::filesystem::path> realFiles() {
  std::vector<std::filesystem::path> files;
  for (const char* folder : {"mono", "multitrack"}) {
    for (const auto& entry : std::filesystem::directory_iterator(kData / folder)) {
      if (entry.path().extension() == ".mid") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The notes without their track index, which the writer renumbers.
std::vector<Note> withoutTracks(std::vector<Note> notes) {
  for (Note& n : notes) n.track = 0;
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.startTick, a.pitch, a.channel, a.endTick, a.velocity) <
           std::tie(b.startTick, b.pitch, b.channel, b.endTick, b.velocity);
  });
  return notes;
}

TEST(RoundTrip, RealFilesKeepTheirNotes) {
  const std::vector<std::filesystem::path> files = realFiles();
  ASSERT_GE(files.size(), 9u);
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "melodyvae_midi_round_trip";
  std::filesystem::create_directories(folder);
  for (const auto& file : files) {
    const Song original = readSmfFile(file);
    const std::filesystem::path copy = folder / file.filename();
    writeSmfFile(copy, original);
    const Song back = readSmfFile(copy);
    const std::string name = file.filename().string();
    EXPECT_TRUE(back.warnings.empty()) << name << ": " << back.warnings.front();
    EXPECT_EQ(back.ticksPerQuarter, original.ticksPerQuarter) << name;
    EXPECT_EQ(back.tempos, original.tempos) << name;
    EXPECT_EQ(back.timeSignatures, original.timeSignatures) << name;
    EXPECT_EQ(back.endTick, original.endTick) << name;
    ASSERT_EQ(back.notes.size(), original.notes.size()) << name;
    const std::vector<Note> expected = withoutTracks(original.notes);
    const std::vector<Note> actual = withoutTracks(back.notes);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(actual[i], expected[i])
          << name << ": note " << i << " of " << expected.size() << " (start " << expected[i].startTick
          << ", pitch " << int{expected[i].pitch} << ")";
    }
    // Once written by us, a file is written again byte for byte.
    EXPECT_TRUE(encodeSmf(back) == readWholeFile(copy)) << name << ": writing what was read changed the file";
  }
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace melodyvae::midi
