// `melodyvae evaluate` through the binary: a model scores higher on its own training loops than on random
// notes, the JSON holds every figure, and bad inputs are refused naming them.
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "core/midi/smf_writer.h"
#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

// A file of random notes in the model's range on the sixteenth grid: `bars` bars, 8 notes per bar.
void writeNoiseFile(const std::filesystem::path& path, int bars, unsigned seed) {
  std::mt19937 random(seed);
  midi::Song song;
  song.format = 0;
  song.trackCount = 1;
  song.ticksPerQuarter = 480;
  for (int i = 0; i < bars * 8; ++i) {
    midi::Note note;
    note.startTick = static_cast<std::int64_t>(random() % (bars * 16)) * 120;
    note.endTick = note.startTick + 60 + static_cast<std::int64_t>(random() % 400);
    note.pitch = static_cast<std::uint8_t>(48 + random() % 24);
    note.velocity = static_cast<std::uint8_t>(20 + random() % 100);
    song.notes.push_back(note);
  }
  std::sort(song.notes.begin(), song.notes.end(), [](const midi::Note& a, const midi::Note& b) {
    return a.startTick != b.startTick ? a.startTick < b.startTick : a.pitch < b.pitch;
  });
  song.endTick = bars * 4 * 480;
  midi::writeSmfFile(path, song);
}

nlohmann::json evaluate(const std::string& model, const std::string& paths,
                        const std::filesystem::path& folder) {
  const ProcessResult result =
      runMelodyvae({"evaluate", model, paths, "--training", testData("mono"), "--json"}, folder);
  EXPECT_EQ(result.exitStatus, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

TEST(EvaluateCommand, ItsOwnTrainingLoopsScoreHigherThanNoise) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path(), 6);
  const std::filesystem::path noise = scratch.path() / "noise";
  std::filesystem::create_directory(noise);
  for (unsigned i = 0; i < 3; ++i) writeNoiseFile(noise / ("noise" + std::to_string(i) + ".mid"), 16, i + 1);

  const nlohmann::json own = evaluate(model, testData("mono"), scratch.path());
  const nlohmann::json random = evaluate(model, noise.string(), scratch.path());
  ASSERT_GT(own.at("windows").get<int>(), 10);
  EXPECT_EQ(random.at("windows").get<int>(), 24) << "3 files of 16 bars: 24 windows, all with > 5 onsets";
  const double ownF1 = own.at("model_reconstruction").at("onset").at("f1");
  const double noiseF1 = random.at("model_reconstruction").at("onset").at("f1");
  EXPECT_GT(ownF1, noiseF1 + 0.05) << own.dump() << "\n" << random.dump();
  EXPECT_GT(own.at("model_reconstruction").at("rhythm").at("f1").get<double>(),
            random.at("model_reconstruction").at("rhythm").at("f1").get<double>());
  // Every score is a share in 0..1; both baselines are present.
  for (const char* part : {"model_reconstruction", "baseline_zero_z", "baseline_frequent_cells"}) {
    const nlohmann::json& scores = own.at(part);
    for (const char* group : {"onset", "rhythm"}) {
      for (const char* figure : {"precision", "recall", "f1"}) {
        const double value = scores.at(group).at(figure);
        EXPECT_GE(value, 0.0) << part << " " << group << " " << figure;
        EXPECT_LE(value, 1.0) << part << " " << group << " " << figure;
      }
    }
    EXPECT_GE(scores.at("velocityMae").get<double>(), 0.0);
  }
  // With --training: the eight features of Yang & Lerch, each with an overlap in 0..1 and a KL >= 0.
  const nlohmann::json& features = own.at("generated_vs_training").at("features");
  ASSERT_EQ(features.size(), 8u) << own.dump();
  for (const nlohmann::json& feature : features) {
    EXPECT_GE(feature.at("overlapArea").get<double>(), 0.0) << feature.dump();
    EXPECT_LE(feature.at("overlapArea").get<double>(), 1.0 + 1e-6) << feature.dump();
    EXPECT_GE(feature.at("klDivergence").get<double>(), 0.0) << feature.dump();
  }
  EXPECT_EQ(features[0].at("feature"), "pitch count");
  EXPECT_TRUE(features[0].contains("trainingMean"));
}

TEST(EvaluateCommand, TextReportAndBadInputs) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const ProcessResult text = runMelodyvae({"evaluate", model, testData("mono")}, scratch.path());
  ASSERT_EQ(text.exitStatus, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "frequent cells   (give --training")) << text.out;
  EXPECT_TRUE(contains(text.out, "z = 0")) << text.out;
  EXPECT_FALSE(contains(text.out, "Yang")) << "the melody comparison needs --training";
  EXPECT_FALSE(contains(text.err, "[#")) << "no progress bar when stderr is not a terminal";

  const std::filesystem::path empty = scratch.path() / "empty";
  std::filesystem::create_directory(empty);
  const ProcessResult none = runMelodyvae({"evaluate", model, empty.string()}, scratch.path());
  EXPECT_EQ(none.exitStatus, 2);
  EXPECT_TRUE(contains(none.err, "empty")) << none.err;
  const ProcessResult missing =
      runMelodyvae({"evaluate", "nope.safetensors", testData("mono")}, scratch.path());
  EXPECT_EQ(missing.exitStatus, 2);
  EXPECT_TRUE(contains(missing.err, "nope.safetensors")) << missing.err;
}

}  // namespace
}  // namespace melodyvae::product_testing
