// What the commands do to protect files: no command overwrites the model it reads, an unwritable output
// folder is refused before training starts, pipes are refused rather than waited on, and bad numbers name
// their option.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>

#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

TEST(FileSafety, GenerateRefusesToWriteOverItsModel) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string before = inspect_testing::slurp(model);
  const ProcessResult result = runMelodyvae({"generate", model, "-o", model}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "is the model file; write to a new file")) << result.err;
  EXPECT_EQ(inspect_testing::slurp(model), before) << "the model is untouched";
}

TEST(FileSafety, TrainRefusesToWriteOverAnInput) {
  ScratchFolder scratch;
  const std::string input = testData("mono") + "/" + "freedoom1_D_E1M1__t1c1.mid";
  ASSERT_TRUE(std::filesystem::exists(input)) << input;
  const std::string copy = (scratch.path() / "input.mid").string();
  std::filesystem::copy_file(input, copy);
  const ProcessResult result = runMelodyvae({"train", copy, "-o", copy}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "is an input")) << result.err;
  EXPECT_EQ(inspect_testing::slurp(copy), inspect_testing::slurp(input));
}

TEST(FileSafety, AnUnwritableOutputFolderIsRefusedBeforeTraining) {
  ScratchFolder scratch;
  // /proc is a folder nobody (root included) can create files in.
  const ProcessResult result = runMelodyvae(
      {"train", testData("mono"), "-o", "/proc/model.safetensors", "--epochs", "1"}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "cannot create files in the folder '/proc'")) << result.err;
  EXPECT_FALSE(contains(result.err, "epoch 1")) << "refused before training: " << result.err;
}

TEST(FileSafety, QuietTrainingPrintsNothing) {
  ScratchFolder scratch;
  const std::string model = (scratch.path() / "quiet.safetensors").string();
  const ProcessResult result = runMelodyvae(
      {"train", testData("mono"), "-o", model, "--epochs", "1", "--batch-size", "16", "-q"}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(std::filesystem::exists(model));
}

TEST(FileSafety, APipeIsRefusedInsteadOfWaitedOn) {
  ScratchFolder scratch;
  const std::filesystem::path pipe = scratch.path() / "model.safetensors";
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult result = runMelodyvae({"info", pipe.string()}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "not a regular file")) << result.err;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(FileSafety, AMissingModelSaysHowToMakeOne) {
  ScratchFolder scratch;
  const ProcessResult result =
      runMelodyvae({"generate", "nowhere.safetensors", "-o", "x.mid"}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "model file 'nowhere.safetensors' does not exist")) << result.err;
  EXPECT_TRUE(contains(result.err, "melodyvae train")) << result.err;
}

TEST(FileSafety, NonFiniteNumbersNameTheirOption) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string out = (scratch.path() / "x.mid").string();
  const ProcessResult z = runMelodyvae({"generate", model, "--z", "nan,1", "-o", out}, scratch.path());
  EXPECT_EQ(z.exitStatus, 2);
  EXPECT_TRUE(contains(z.err, "--z")) << z.err;
  const ProcessResult bend = runMelodyvae({"generate", model, "--bend", "nan", "-o", out}, scratch.path());
  EXPECT_EQ(bend.exitStatus, 2);
  EXPECT_TRUE(contains(bend.err, "--bend")) << bend.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace melodyvae::product_testing
