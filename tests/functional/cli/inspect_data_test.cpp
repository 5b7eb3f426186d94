// `melodyvae inspect` on the real test files: what it prints for each file and in total, and exit 0.
#include <gtest/gtest.h>

#include <vector>

#include "core/corpus/midi_collection.h"
#include "inspect_process.h"

namespace melodyvae::inspect_testing {
namespace {

TEST(InspectData, MonoFolderListsEveryFileAndExitsZero) {
  ScratchFolder scratch;
  const ProcessResult result = runMelodyvae({"inspect", testData("mono")}, scratch.path());
  EXPECT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_EQ(result.err, "");
  for (const char* name :
       {"freedoom1_D_BUNNY__t4c4.mid", "freedoom1_D_E1M1__t1c1.mid", "freedoom1_D_E1M3__t10c9.mid"}) {
    EXPECT_NE(result.out.find(name), std::string::npos) << name << " missing from:\n" << result.out;
  }
  // Facts about the files, checked against mido: E1M1's track is 96 PPQ at 186 BPM with 499 notes.
  EXPECT_NE(result.out.find("96 ticks per quarter"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("tempo: 186 BPM"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("notes: 499\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("time signature: 4/4"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("total: 3 files read, 0 could not be read"), std::string::npos) << result.out;
}

TEST(InspectData, TotalsAgreeWithTheLibrary) {
  ScratchFolder scratch;
  const ProcessResult result = runMelodyvae(
      {"inspect", testData("multitrack"), testData("mono/freedoom1_D_BUNNY__t4c4.mid")}, scratch.path());
  EXPECT_EQ(result.exitStatus, 0) << result.err;

  const std::vector<std::filesystem::path> inputs{testData("multitrack"),
                                                  testData("mono/freedoom1_D_BUNNY__t4c4.mid")};
  corpus::LoopCorpus loops;
  const corpus::CollectionReport report = corpus::loadMidiCollection(inputs, {}, loops);
  ASSERT_EQ(report.files.size(), 7u);
  const std::string expected = "  loops: " + std::to_string(report.totalLoopsKept()) + " kept, ";
  EXPECT_NE(result.out.find(expected), std::string::npos) << expected << "\nnot in:\n" << result.out;
  EXPECT_NE(result.out.find("  notes: " + std::to_string(report.totalNotes()) + "\n"), std::string::npos);
  EXPECT_NE(result.out.find("total: 7 files read, 0 could not be read"), std::string::npos) << result.out;
  // Multitrack files carry drums on channel 10; inspect says they are not used.
  if (report.files[0].drumNotes > 0) {
    EXPECT_NE(result.out.find("on drum channel 10, not used"), std::string::npos) << result.out;
  }
}

TEST(InspectData, HelpDescribesTheExitStatus) {
  ScratchFolder scratch;
  const ProcessResult result = runMelodyvae({"inspect", "--help"}, scratch.path());
  EXPECT_EQ(result.exitStatus, 0);
  EXPECT_NE(result.out.find("Exit status: 0"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("--min-onsets"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace melodyvae::inspect_testing
