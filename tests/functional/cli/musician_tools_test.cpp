// `melodyvae interpolate`, `variations` and the --scale / --key options through the binary, on real
// melodies: endpoints at the clips' latent means, spread 0 identical and growing apart with the spread,
// every note in the scale, and errors naming the argument.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/midi/smf_reader.h"
#include "core/modelfile/model_file.h"
#include "core/music/scale.h"
#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

std::string clip(const char* name) {
  return (std::filesystem::path(testData("mono")) / name).string();
}

// The "z = (a, b)" pairs a command printed, in order.
std::vector<std::pair<double, double>> printedZs(const std::string& out) {
  std::vector<std::pair<double, double>> zs;
  const std::regex pattern(R"(at z = \((-?[0-9.]+), (-?[0-9.]+)\))");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), pattern); it != std::sregex_iterator(); ++it) {
    zs.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
  }
  return zs;
}

std::vector<double> encodedZ(const std::string& model, const std::string& clipPath,
                             const std::filesystem::path& folder) {
  const ProcessResult result = runMelodyvae({"encode", model, clipPath, "--json"}, folder);
  EXPECT_EQ(result.exitStatus, 0) << result.err;
  return nlohmann::json::parse(result.out).at("z").get<std::vector<double>>();
}

// (step, pitch) of every note, steps from ticks at a sixteenth's resolution.
std::set<std::pair<long, int>> onsets(const midi::Song& song) {
  std::set<std::pair<long, int>> cells;
  const long sixteenth = song.ticksPerQuarter / 4;
  for (const midi::Note& note : song.notes)
    cells.emplace((note.startTick + sixteenth / 2) / sixteenth, note.pitch);
  return cells;
}

class MusicianTools : public ::testing::Test {
 protected:
  // One model for the suite (ScratchFolder names its folder after the running test, which there is not
  // yet here).
  static void SetUpTestSuite() {
    folder_ =
        std::filesystem::temp_directory_path() / ("melodyvae-musician-tools-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    model_ = trainTinyModel(folder_, 3);
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
  static const std::filesystem::path& folder() { return folder_; }
  static inline std::filesystem::path folder_;
  static inline std::string model_;
};

TEST_F(MusicianTools, InterpolationRunsFromOneClipsLatentMeanToTheOthers) {
  const std::string a = clip("freedoom1_D_BUNNY__t4c4.mid");
  const std::string b = clip("freedoom1_D_E1M1__t1c1.mid");
  const std::filesystem::path out = folder() / "interpolation";
  const ProcessResult result =
      runMelodyvae({"interpolate", model_, a, b, "--steps", "5", "-o", out.string()}, folder());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  const std::vector<std::pair<double, double>> zs = printedZs(result.out);
  ASSERT_EQ(zs.size(), 5u) << result.out;
  const std::vector<double> za = encodedZ(model_, a, folder());
  const std::vector<double> zb = encodedZ(model_, b, folder());
  EXPECT_NEAR(zs.front().first, za[0], 1e-4);
  EXPECT_NEAR(zs.front().second, za[1], 1e-4);
  EXPECT_NEAR(zs.back().first, zb[0], 1e-4);
  EXPECT_NEAR(zs.back().second, zb[1], 1e-4);
  EXPECT_NEAR(zs[2].first, (za[0] + zb[0]) / 2, 1e-4) << "the middle point is half way";

  // The first file is exactly what generate writes at the first clip's z; the sequence holds every step.
  const std::string generated = (folder() / "at_a.mid").string();
  char z[64];
  std::snprintf(z, sizeof z, "%.9g,%.9g", za[0], za[1]);
  ASSERT_EQ(runMelodyvae({"generate", model_, "--z", z, "-o", generated}, folder()).exitStatus, 0);
  EXPECT_EQ(onsets(midi::readSmfFile(out / "interpolation_01.mid")), onsets(midi::readSmfFile(generated)));
  const midi::Song sequence = midi::readSmfFile(out / "interpolation.mid");
  std::size_t notes = 0;
  for (int i = 1; i <= 5; ++i) {
    notes += midi::readSmfFile(out / ("interpolation_0" + std::to_string(i) + ".mid")).notes.size();
  }
  EXPECT_EQ(sequence.notes.size(), notes);
  EXPECT_EQ(sequence.endTick, 5 * 2 * 4 * sequence.ticksPerQuarter) << "five 2-bar loops";

  // Each end decodes closer to its own clip than the other end does: more of its (step, pitch) onsets are
  // the clip's own.
  const auto shared = [](const std::set<std::pair<long, int>>& x, const std::set<std::pair<long, int>>& y) {
    std::size_t count = 0;
    for (const auto& cell : x) count += y.count(cell);
    return count;
  };
  std::set<std::pair<long, int>> clipA, clipB;
  for (const auto& cell : onsets(midi::readSmfFile(a)))
    if (cell.first < 32) clipA.insert(cell);
  for (const auto& cell : onsets(midi::readSmfFile(b)))
    if (cell.first < 32) clipB.insert(cell);
  const auto first = onsets(midi::readSmfFile(out / "interpolation_01.mid"));
  const auto last = onsets(midi::readSmfFile(out / "interpolation_05.mid"));
  EXPECT_GT(shared(first, clipA) + shared(last, clipB), shared(first, clipB) + shared(last, clipA))
      << "a: " << shared(first, clipA) << "/" << shared(first, clipB) << ", b: " << shared(last, clipB) << "/"
      << shared(last, clipA);
}

TEST_F(MusicianTools, VariationsWithSpreadZeroAreIdenticalAndGrowApartWithTheSpread) {
  double previousDistance = -1.0;
  for (const char* spread : {"0", "0.2", "1", "3"}) {
    const std::filesystem::path out = folder() / (std::string("variations_") + spread);
    const ProcessResult result =
        runMelodyvae({"variations", model_, "--like", clip("freedoom1_D_E1M1__t1c1.mid"), "--count", "12",
                      "--spread", spread, "--seed", "5", "-o", out.string()},
                     folder());
    ASSERT_EQ(result.exitStatus, 0) << result.err;
    const std::vector<std::pair<double, double>> zs = printedZs(result.out);
    ASSERT_EQ(zs.size(), 12u) << result.out;
    std::set<std::set<std::pair<long, int>>> distinct;
    for (int i = 1; i <= 12; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "variation_%02d.mid", i);
      distinct.insert(onsets(midi::readSmfFile(out / name)));
    }
    double distance = 0;  // mean pairwise distance of the points
    int pairs = 0;
    for (std::size_t i = 0; i < zs.size(); ++i) {
      for (std::size_t j = i + 1; j < zs.size(); ++j, ++pairs) {
        distance += std::hypot(zs[i].first - zs[j].first, zs[i].second - zs[j].second);
      }
    }
    distance /= pairs;
    if (std::string(spread) == "0") {
      EXPECT_EQ(distance, 0.0);
      EXPECT_EQ(distinct.size(), 1u) << "spread 0: twelve copies of one melody";
    } else {
      EXPECT_GT(distance, previousDistance) << "spread " << spread;
    }
    if (std::string(spread) == "3") {
      EXPECT_GT(distinct.size(), 1u) << "spread 3 should give different melodies";
    }
    previousDistance = distance;
  }
}

TEST_F(MusicianTools, EveryNoteRespectsTheScale) {
  for (const char* scaleText : {"C:minor", "F#:major-pentatonic", "D:dorian", "Bb:blues"}) {
    const music::Scale scale = music::parseScale(scaleText);
    const std::uint16_t classes = music::pitchClassMask(scale);
    const std::filesystem::path out = folder() / (std::string("scale_") + std::to_string(scale.tonic));
    const ProcessResult result =
        runMelodyvae({"variations", model_, "--count", "40", "--spread", "2", "--seed", "9", "--thresh-min",
                      "0.05", "--poly", "3", "--scale", scaleText, "-o", out.string()},
                     folder());
    ASSERT_EQ(result.exitStatus, 0) << result.err;
    const midi::Song all = midi::readSmfFile(out / "variation.mid");
    ASSERT_GT(all.notes.size(), 40u) << scaleText << ": too few notes to show anything";
    for (const midi::Note& note : all.notes) {
      EXPECT_TRUE((classes >> (note.pitch % 12)) & 1) << scaleText << ": pitch " << int{note.pitch};
    }
  }
}

TEST_F(MusicianTools, KeyAutoUsesTheKeyRecordedAtTraining) {
  const ProcessResult info = runMelodyvae({"info", model_, "--json"}, folder());
  ASSERT_EQ(info.exitStatus, 0) << info.err;
  const nlohmann::json recipe = nlohmann::json::parse(info.out).at("recipe");
  ASSERT_TRUE(recipe.contains("key")) << recipe.dump();
  const std::string key = recipe.at("key").get<std::string>();
  ASSERT_EQ(recipe.at("pitchClassDurations").size(), 12u);
  const std::uint16_t classes = music::pitchClassMask(music::parseScale(key));

  const std::string out = (folder() / "auto.mid").string();
  const ProcessResult result = runMelodyvae(
      {"generate", model_, "--key", "auto", "--seed", "4", "--thresh-min", "0.02", "-o", out}, folder());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_TRUE(contains(result.out, " in " + key + ",")) << result.out;
  for (const midi::Note& note : midi::readSmfFile(out).notes) EXPECT_TRUE((classes >> (note.pitch % 12)) & 1);

  // A file that records no key (as older ones) is refused with what to do.
  modelfile::LoadedModel loaded = modelfile::loadModel(model_);
  loaded.metadata.recipe.erase("key");
  loaded.metadata.recipe.erase("pitchClassDurations");
  const std::string older = (folder() / "older.safetensors").string();
  modelfile::saveModel(older, loaded.model, loaded.metadata);
  const ProcessResult refused = runMelodyvae({"generate", older, "--key", "auto", "-o", out}, folder());
  EXPECT_EQ(refused.exitStatus, 2);
  EXPECT_TRUE(contains(refused.err, "--key auto")) << refused.err;
  EXPECT_TRUE(contains(refused.err, "--scale")) << refused.err;
}

TEST_F(MusicianTools, BadArgumentsNameTheArgument) {
  const std::string a = clip("freedoom1_D_BUNNY__t4c4.mid");
  const std::string out = (folder() / "bad").string();
  struct Case {
    std::vector<std::string> args;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {{"interpolate", model_, a, a, "--steps", "1", "-o", out}, "--steps"},
      {{"interpolate", model_, a, "missing.mid", "-o", out}, "missing.mid"},
      {{"interpolate", model_, a, a, "-o", (folder() / "no" / "such").string()}, "does not exist"},
      {{"variations", model_, "--spread", "-1", "-o", out}, "--spread"},
      {{"variations", model_, "--count", "0", "-o", out}, "--count"},
      {{"variations", model_, "--z", "1,2,3", "-o", out}, "--z"},
      {{"variations", model_, "--z", "0,0", "--like", a, "-o", out}, "--like"},
      {{"variations", model_, "--scale", "H:minor", "-o", out}, "--scale"},
      {{"generate", model_, "--scale", "C:nope", "-o", out + ".mid"}, "nope"},
      {{"generate", model_, "--key", "G", "-o", out + ".mid"}, "--key"},
      {{"generate", model_, "--key", "auto", "--scale", "C:minor", "-o", out + ".mid"}, "--scale"},
  };
  for (const Case& c : cases) {
    const ProcessResult result = runMelodyvae(c.args, folder());
    EXPECT_EQ(result.exitStatus, 2) << c.args[0] << " " << c.mentions << "\n" << result.out;
    EXPECT_TRUE(contains(result.err, c.mentions)) << c.mentions << ": " << result.err;
  }
}

}  // namespace
}  // namespace melodyvae::product_testing
