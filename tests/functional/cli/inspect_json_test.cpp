// `melodyvae inspect --json`: the output parses, its totals are the sums of its files, and the options
// (--min-onsets, --hop, --augment, --lowest-pitch) change what they should.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "inspect_process.h"

namespace melodyvae::inspect_testing {
namespace {

using nlohmann::json;

json inspectJson(const std::vector<std::string>& extra, const std::filesystem::path& scratch,
                 int expectedExit = 0) {
  std::vector<std::string> args{"inspect", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const ProcessResult result = runMelodyvae(args, scratch);
  EXPECT_EQ(result.exitStatus, expectedExit) << result.err;
  return json::parse(result.out);  // throws (failing the test) if the output is not JSON
}

TEST(InspectJson, TotalsAreTheSumsOfTheFiles) {
  ScratchFolder scratch;
  const json report = inspectJson({testData("mono"), testData("multitrack")}, scratch.path());
  ASSERT_EQ(report["files"].size(), 9u);
  long long kept = 0, dropped = 0, notes = 0;
  for (const json& file : report["files"]) {
    ASSERT_TRUE(file["readable"].get<bool>()) << file.dump();
    kept += file["loops"]["kept"].get<long long>();
    dropped += file["loops"]["dropped"].get<long long>();
    notes += file["notes"].get<long long>();
    EXPECT_EQ(file["loops"]["dropped"].get<long long>(),
              file["loops"]["dropped_empty"].get<long long>() +
                  file["loops"]["dropped_too_few_onsets"].get<long long>());
    EXPECT_EQ(file["loops"]["windows"].get<long long>(),
              file["loops"]["kept"].get<long long>() + file["loops"]["dropped"].get<long long>());
  }
  const json& totals = report["totals"];
  EXPECT_EQ(totals["files"], 9);
  EXPECT_EQ(totals["readable_files"], 9);
  EXPECT_EQ(totals["unreadable_files"], 0);
  EXPECT_EQ(totals["loops_kept"].get<long long>(), kept);
  EXPECT_EQ(totals["loops_dropped"].get<long long>(), dropped);
  EXPECT_EQ(totals["notes"].get<long long>(), notes);
  EXPECT_EQ(totals["corpus_loops"].get<long long>(), kept);
  EXPECT_GT(kept, 0);
  EXPECT_EQ(report["settings"]["min_onsets"], 5);
  EXPECT_EQ(report["settings"]["lowest_pitch"], 48);

  // E1M1 (mono): 96 PPQ, one tempo of 186 BPM, 499 notes (as mido reads it).
  const json& e1m1 = report["files"][1];
  EXPECT_NE(e1m1["path"].get<std::string>().find("E1M1__t1c1"), std::string::npos);
  EXPECT_EQ(e1m1["ticks_per_quarter"], 96);
  EXPECT_EQ(e1m1["notes"], 499);
  ASSERT_EQ(e1m1["tempos"].size(), 1u);
  EXPECT_NEAR(e1m1["tempos"][0]["bpm"].get<double>(), 186.0, 0.01);
}

TEST(InspectJson, OptionsChangeTheCounts) {
  ScratchFolder scratch;
  const std::string mono = testData("mono");
  const json base = inspectJson({mono}, scratch.path());
  const json lenient = inspectJson({"--min-onsets", "0", mono}, scratch.path());
  const json hop = inspectJson({"--hop", "16", mono}, scratch.path());
  const json augmented = inspectJson({"--augment", mono}, scratch.path());
  const json lower = inspectJson({"--lowest-pitch", "36", mono}, scratch.path());
  const auto kept = [](const json& r) { return r["totals"]["loops_kept"].get<long long>(); };
  EXPECT_GT(kept(lenient), kept(base));
  EXPECT_EQ(lenient["totals"]["dropped_too_few_onsets"], 0);
  EXPECT_GT(kept(hop), kept(base));
  EXPECT_EQ(hop["settings"]["hop_steps"], 16);
  EXPECT_EQ(kept(augmented), kept(base));
  EXPECT_GT(augmented["totals"]["augmented_loops"].get<long long>(), 0);
  EXPECT_EQ(augmented["totals"]["corpus_loops"].get<long long>(),
            kept(base) + augmented["totals"]["augmented_loops"].get<long long>());
  EXPECT_EQ(lower["settings"]["lowest_pitch"], 36);
}

TEST(InspectJson, UnreadableFilesCarryTheirReason) {
  ScratchFolder scratch;
  const std::filesystem::path garbage = scratch.path() / "bad | file.mid";
  std::ofstream(garbage, std::ios::binary) << "RIFF....";
  const json report =
      inspectJson({garbage.string(), testData("mono/freedoom1_D_BUNNY__t4c4.mid")}, scratch.path(), 1);
  ASSERT_EQ(report["files"].size(), 2u);
  EXPECT_FALSE(report["files"][0]["readable"].get<bool>());
  EXPECT_NE(report["files"][0]["error"].get<std::string>().find("MThd"), std::string::npos) << report.dump();
  EXPECT_EQ(report["totals"]["unreadable_files"], 1);
  EXPECT_EQ(report["totals"]["readable_files"], 1);
}

}  // namespace
}  // namespace melodyvae::inspect_testing
