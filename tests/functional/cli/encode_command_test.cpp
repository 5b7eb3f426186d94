// `melodyvae encode` through the binary: the printed z is the library's encoder mean of the clip's
// windows, in text and JSON, and a clip without notes is a clear error.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/generation/encoding.h"
#include "core/loops/loop_to_notes.h"
#include "core/midi/smf_reader.h"
#include "core/midi/smf_writer.h"
#include "core/modelfile/model_file.h"
#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

TEST(EncodeCommand, JsonZEqualsTheLibrarysEncoderMean) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string clip = testData("mono/freedoom1_D_BUNNY__t4c4.mid");
  const ProcessResult result = runMelodyvae({"encode", model, clip, "--json"}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  const nlohmann::json json = nlohmann::json::parse(result.out);
  modelfile::LoadedModel loaded = modelfile::loadModel(model);
  const std::vector<generation::EncodedWindow> expected = generation::encodeSong(
      loaded.model, midi::readSmfFile(clip), loaded.metadata.representation.lowestPitch);
  ASSERT_EQ(json["windows"].size(), expected.size());
  ASSERT_FALSE(expected.empty());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(json["windows"][i]["window"], expected[i].window);
    EXPECT_EQ(json["windows"][i]["notes"], expected[i].onsets);
    EXPECT_EQ(json["windows"][i]["z"].get<std::vector<float>>(), expected[i].z) << "window " << i;
  }
  EXPECT_EQ(json["z"].get<std::vector<float>>(), expected.front().z);
}

TEST(EncodeCommand, TextListsEachWindowsZ) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const ProcessResult result =
      runMelodyvae({"encode", model, testData("mono/freedoom1_D_E1M1__t1c1.mid")}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "bars 1-2 (")) << result.out;
  EXPECT_TRUE(contains(result.out, "): z = ")) << result.out;
}

TEST(EncodeCommand, ClipWithoutNotesOrUnreadableIsAnError) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string silent = (scratch.path() / "silent.mid").string();
  midi::writeSmfFile(silent, loops::loopToSong(loops::Loop{}));
  ProcessResult result = runMelodyvae({"encode", model, silent}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "holds no note")) << result.err;
  result = runMelodyvae({"encode", model, (scratch.path() / "nope.mid").string()}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "nope.mid")) << result.err;
}

}  // namespace
}  // namespace melodyvae::product_testing
