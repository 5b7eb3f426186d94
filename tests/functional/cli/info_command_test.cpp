// `melodyvae info` through the binary: shape, representation, recipe and history in text and JSON;
// a damaged file is refused with a message naming it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

TEST(InfoCommand, TextShowsShapeRepresentationRecipeAndHistory) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path(), 2);
  const ProcessResult result = runMelodyvae({"info", model}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  for (const char* part :
       {"format: melodyvae-model version 1", "shape: latent 2", "768 -> 512", "2 -> 1024",
        "pitches 48..71 (C3..B4)", "24 rows x 32 steps", "recipe: batch 16",
        "Adam learning rate 0.001 x 0.95 every 5 epochs", "KL weight 0 -> 1", "patience 15",
        "28 training and 16 validation loops", "history", "    1 ", "    2 "}) {
    EXPECT_TRUE(contains(result.out, part)) << "'" << part << "' missing from:\n" << result.out;
  }
}

TEST(InfoCommand, JsonHasEverySection) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path(), 2);
  const ProcessResult result = runMelodyvae({"info", model, "--json"}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  const nlohmann::json json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["formatVersion"], 1);
  EXPECT_EQ(json["shape"]["latent"], 2);
  EXPECT_EQ(json["shape"]["decoderHidden"], 1024);
  EXPECT_EQ(json["representation"]["lowestPitch"], 48);
  EXPECT_EQ(json["recipe"]["batchSize"], 16);
  EXPECT_EQ(json["recipe"]["learningRate"], 0.001);
  ASSERT_EQ(json["history"].size(), 2u);
  EXPECT_EQ(json["history"][1]["epoch"], 2);
  EXPECT_TRUE(json["history"][1].contains("validation"));
  EXPECT_GT(json["parameters"].get<int>(), 6'000'000);
}

TEST(InfoCommand, DamagedFileIsRefusedWithItsName) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  std::vector<std::uint8_t> bytes = readWholeFile(model);
  bytes.resize(bytes.size() / 2);
  const std::string damaged = (scratch.path() / "half.safetensors").string();
  writeFileAtomically(damaged, bytes);
  ProcessResult result = runMelodyvae({"info", damaged}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "half.safetensors")) << result.err;
  EXPECT_TRUE(contains(result.err, "truncated") || contains(result.err, "past the end")) << result.err;
  result = runMelodyvae({"info", testData("mono/freedoom1_D_E1M1__t1c1.mid")}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "freedoom1_D_E1M1__t1c1.mid")) << result.err;
}

}  // namespace
}  // namespace melodyvae::product_testing
