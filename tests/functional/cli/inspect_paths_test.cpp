// `melodyvae inspect` on awkward inputs: names with spaces and []?*!|@, upper-case .MID, .midi, garbage,
// empty folders, missing paths and bad options, with the exit status each should give.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "inspect_process.h"

namespace melodyvae::inspect_testing {
namespace {

namespace fs = std::filesystem;

// A folder "my loops [1]?*!|@" holding an upper-case .MID, a .midi in a subfolder and, if asked, garbage.
fs::path awkwardFolder(const fs::path& root, bool withGarbage) {
  const fs::path folder = root / "my loops [1]?*!|@";
  fs::create_directories(folder / "sub dir");
  fs::copy_file(testData("mono/freedoom1_D_BUNNY__t4c4.mid"), folder / "Bunny Take*1.MID");
  fs::copy_file(testData("mono/freedoom1_D_E1M1__t1c1.mid"), folder / "sub dir" / "e1m1 [x].midi");
  if (withGarbage) std::ofstream(folder / "garbage!.mid", std::ios::binary) << "this is not a MIDI file";
  return folder;
}

TEST(InspectPaths, AwkwardNamesAndExtensionsAreFound) {
  ScratchFolder scratch;
  const fs::path folder = awkwardFolder(scratch.path(), false);
  const ProcessResult result = runMelodyvae({"inspect", folder.string()}, scratch.path());
  EXPECT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_NE(result.out.find("Bunny Take*1.MID"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("e1m1 [x].midi"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("total: 2 files read, 0 could not be read"), std::string::npos) << result.out;
  // A trailing slash changes nothing.
  const ProcessResult slashed = runMelodyvae({"inspect", folder.string() + "/"}, scratch.path());
  EXPECT_EQ(slashed.exitStatus, 0) << slashed.err;
  EXPECT_NE(slashed.out.find("total: 2 files read"), std::string::npos) << slashed.out;
}

TEST(InspectPaths, GarbageIsReportedAndSkippedWithExitOne) {
  ScratchFolder scratch;
  const fs::path folder = awkwardFolder(scratch.path(), true);
  const ProcessResult result = runMelodyvae({"inspect", folder.string()}, scratch.path());
  EXPECT_EQ(result.exitStatus, 1) << result.err;
  EXPECT_NE(result.out.find("garbage!.mid\n  could not be read: byte 0: expected"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("total: 2 files read, 1 could not be read"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("could not read '" + (folder / "garbage!.mid").string() + "'"), std::string::npos)
      << result.err;
}

TEST(InspectPaths, OnlyGarbageExitsTwo) {
  ScratchFolder scratch;
  const fs::path garbage = scratch.path() / "noise.mid";
  std::ofstream(garbage, std::ios::binary) << "MThd";
  const ProcessResult result = runMelodyvae({"inspect", garbage.string()}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_NE(result.out.find("could not be read: byte "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("total: 0 files read, 1 could not be read"), std::string::npos) << result.out;
}

TEST(InspectPaths, EmptyFolderIsAClearErrorWithExitTwo) {
  ScratchFolder scratch;
  const fs::path empty = scratch.path() / "empty [folder]";
  fs::create_directories(empty);
  std::ofstream(empty / "readme.txt") << "no MIDI here";
  const ProcessResult result = runMelodyvae({"inspect", empty.string()}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_NE(result.err.find("no .mid or .midi files found in '" + empty.string() + "'"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(InspectPaths, MissingPathBesideGoodFilesExitsOne) {
  ScratchFolder scratch;
  const ProcessResult result =
      runMelodyvae({"inspect", testData("mono"), (scratch.path() / "missing.mid").string()}, scratch.path());
  EXPECT_EQ(result.exitStatus, 1);
  EXPECT_NE(result.err.find("no such file or folder: '" + (scratch.path() / "missing.mid").string() + "'"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("total: 3 files read, 0 could not be read, 1 input without files"),
            std::string::npos)
      << result.out;
}

TEST(InspectPaths, BadArgumentsExitTwo) {
  ScratchFolder scratch;
  EXPECT_EQ(runMelodyvae({"inspect"}, scratch.path()).exitStatus, 2);
  EXPECT_EQ(runMelodyvae({"inspect", "--hop", "0", testData("mono")}, scratch.path()).exitStatus, 2);
  EXPECT_EQ(runMelodyvae({"inspect", "--lowest-pitch", "105", testData("mono")}, scratch.path()).exitStatus,
            2);
  EXPECT_EQ(runMelodyvae({"inspect", "--min-onsets", "-1", testData("mono")}, scratch.path()).exitStatus, 2);
  EXPECT_EQ(runMelodyvae({"inspect", "--no-such-option", testData("mono")}, scratch.path()).exitStatus, 2);
}

}  // namespace
}  // namespace melodyvae::inspect_testing
