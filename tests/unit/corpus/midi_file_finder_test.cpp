// Finding MIDI files: letter case, awkward names, sorting, symlink loops, duplicates and empty folders.
#include "core/corpus/midi_file_finder.h"

#include <gtest/gtest.h>

#include <vector>

#include "temp_folder.h"

namespace melodyvae::corpus {
namespace {

namespace fs = std::filesystem;
using testing::TempFolder;

TEST(HasMidiExtension, AnyLetterCase) {
  EXPECT_TRUE(hasMidiExtension("a.mid"));
  EXPECT_TRUE(hasMidiExtension("a.MID"));
  EXPECT_TRUE(hasMidiExtension("a b.Midi"));
  EXPECT_FALSE(hasMidiExtension("a.mid.txt"));
  EXPECT_FALSE(hasMidiExtension("mid"));
  EXPECT_FALSE(hasMidiExtension("a.midx"));
}

TEST(FindMidiFiles, SearchesFoldersRecursivelyInSortedOrderWithAwkwardNames) {
  TempFolder temp;
  const fs::path root = temp.path() / "my loops [v2]?*!|@";
  temp.write("my loops [v2]?*!|@/b song.MID", "x");
  temp.write("my loops [v2]?*!|@/a [take 1].midi", "x");
  temp.write("my loops [v2]?*!|@/sub dir/c*?.Mid", "x");
  temp.write("my loops [v2]?*!|@/notes.txt", "x");
  temp.write("my loops [v2]?*!|@/._b song.MID", "AppleDouble");
  const std::vector<fs::path> inputs{root};
  const MidiFileList list = findMidiFiles(inputs);
  EXPECT_TRUE(list.problems.empty());
  ASSERT_EQ(list.files.size(), 3u);
  EXPECT_EQ(list.files[0].filename(), "a [take 1].midi");
  EXPECT_EQ(list.files[1].filename(), "b song.MID");
  EXPECT_EQ(list.files[2].filename(), "c*?.Mid");

  // With a trailing slash: the same files.
  const std::vector<fs::path> slashed{fs::path(root.string() + "/")};
  const MidiFileList again = findMidiFiles(slashed);
  ASSERT_EQ(again.files.size(), 3u);
  EXPECT_EQ(again.files[1].filename(), "b song.MID");
}

TEST(FindMidiFiles, DirectorySymlinkLoopsDoNotHang) {
  TempFolder temp;
  temp.write("a/x.mid", "x");
  fs::create_directory_symlink(temp.path(), temp.path() / "a" / "back to top");
  fs::create_symlink(temp.path() / "a" / "x.mid", temp.path() / "link.mid");
  const std::vector<fs::path> inputs{temp.path()};
  const MidiFileList list = findMidiFiles(inputs);
  // x.mid is found once: the file symlink points to the same file.
  ASSERT_EQ(list.files.size(), 1u);
  EXPECT_TRUE(list.problems.empty());
}

TEST(FindMidiFiles, NamedFilesAreTakenAsTheyAreAndListedOnce) {
  TempFolder temp;
  const fs::path named = temp.write("song.kar", "x");
  const fs::path inFolder = temp.write("f/one.mid", "x");
  const std::vector<fs::path> inputs{named, inFolder, temp.path() / "f"};
  const MidiFileList list = findMidiFiles(inputs);
  ASSERT_EQ(list.files.size(), 2u);
  EXPECT_EQ(list.files[0], named);
  EXPECT_EQ(list.files[1], inFolder);
}

TEST(FindMidiFiles, EmptyFoldersAndMissingPathsAreProblems) {
  TempFolder temp;
  fs::create_directories(temp.path() / "empty");
  temp.write("text only/readme.txt", "x");
  const std::vector<fs::path> inputs{temp.path() / "empty", temp.path() / "missing.mid",
                                     temp.path() / "text only"};
  const MidiFileList list = findMidiFiles(inputs);
  EXPECT_TRUE(list.files.empty());
  ASSERT_EQ(list.problems.size(), 3u);
  EXPECT_EQ(list.problems[0].reason,
            "no .mid or .midi files found in '" + (temp.path() / "empty").string() + "'");
  EXPECT_EQ(list.problems[1].reason,
            "no such file or folder: '" + (temp.path() / "missing.mid").string() + "'");
  EXPECT_EQ(list.problems[2].input, temp.path() / "text only");
}

}  // namespace
}  // namespace melodyvae::corpus
