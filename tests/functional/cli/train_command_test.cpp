// `melodyvae train` through the binary: a model is written with progress and a summary; the same seed
// gives the same weights; too little data, bad paths and no files are clear errors that write nothing;
// Ctrl-C stops training and still saves the best model.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "core/modelfile/model_file.h"
#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

TEST(TrainCommand, WritesAModelWithProgressAndSummary) {
  ScratchFolder scratch;
  const std::string model = (scratch.path() / "tiny.safetensors").string();
  const ProcessResult result = runMelodyvae(
      {"train", testData("mono"), "-o", model, "--epochs", "2", "--batch-size", "16"}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  // Progress (stderr, not a terminal: one plain line per epoch) with every figure the musician needs.
  for (const char* part :
       {"epoch 1/2  loss ", "epoch 2/2  loss ", "onset ", "velocity ", "duration ", "offset ", "kl ",
        "  val ", "  lr 0.001", "kl-weight 0.00", "kl-weight 0.10", "ETA <= "}) {
    EXPECT_TRUE(contains(result.err, part)) << "'" << part << "' missing from progress:\n" << result.err;
  }
  EXPECT_FALSE(contains(result.err, "\r")) << "no carriage returns when stderr is not a terminal";
  EXPECT_TRUE(contains(result.out, "read 3 MIDI files: 44 loops")) << result.out;
  EXPECT_TRUE(contains(result.out, "stopped: max epochs after 2 epochs")) << result.out;
  EXPECT_TRUE(contains(result.out, "trained on 28 loops, validated on 16")) << result.out;
  EXPECT_TRUE(contains(result.out, "wrote " + model)) << result.out;
  const modelfile::LoadedModel loaded = modelfile::loadModel(model);
  EXPECT_EQ(loaded.metadata.history.size(), 2u);
  EXPECT_EQ(loaded.metadata.recipe["batchSize"], 16);
  EXPECT_EQ(loaded.metadata.recipe["maxEpochs"], 2);
}

TEST(TrainCommand, SameSeedGivesTheSameWeights) {
  ScratchFolder first, second;
  const modelfile::LoadedModel a = modelfile::loadModel(trainTinyModel(first.path(), 1, 7));
  const modelfile::LoadedModel b = modelfile::loadModel(trainTinyModel(second.path(), 1, 7));
  EXPECT_TRUE(
      std::equal(a.model.parameters().begin(), a.model.parameters().end(), b.model.parameters().begin()));
  EXPECT_TRUE(std::equal(a.model.batchNormState().begin(), a.model.batchNormState().end(),
                         b.model.batchNormState().begin()));
}

TEST(TrainCommand, TooLittleDataIsAnErrorAndWritesNothing) {
  ScratchFolder scratch;
  const std::string model = (scratch.path() / "m.safetensors").string();
  const ProcessResult result =
      runMelodyvae({"train", testData("mono/freedoom1_D_E1M3__t10c9.mid"), "-o", model}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "too few to train")) << result.err;
  EXPECT_TRUE(contains(result.err, "lower the batch size")) << result.err;
  EXPECT_FALSE(std::filesystem::exists(model));
}

TEST(TrainCommand, MissingOutputFolderIsReportedBeforeTraining) {
  ScratchFolder scratch;
  const ProcessResult result = runMelodyvae(
      {"train", testData("mono"), "-o", (scratch.path() / "no-such-folder" / "m.safetensors").string()},
      scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "does not exist")) << result.err;
  EXPECT_FALSE(contains(result.err, "epoch")) << "it must fail before training:\n" << result.err;
}

TEST(TrainCommand, NoMidiFilesIsAnError) {
  ScratchFolder scratch;
  std::filesystem::create_directories(scratch.path() / "empty");
  const ProcessResult result = runMelodyvae(
      {"train", (scratch.path() / "empty").string(), "-o", (scratch.path() / "m.safetensors").string()},
      scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "no .mid or .midi")) << result.err;
}

TEST(TrainCommand, BadOptionValueNamesTheOption) {
  ScratchFolder scratch;
  const ProcessResult result =
      runMelodyvae({"train", testData("mono"), "-o", "m.safetensors", "--batch-size", "1"}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "--batch-size")) << result.err;
}

TEST(TrainCommand, InterruptStopsTrainingAndSavesTheBestModel) {
  ScratchFolder scratch;
  const std::string model = (scratch.path() / "m.safetensors").string();
  const std::filesystem::path out = scratch.path() / "out.txt", err = scratch.path() / "err.txt";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args{
      MELODYVAE_CLI_PATH, "train",      testData("mono"), "-o",           model, "--epochs",
      "100000",           "--patience", "100000",         "--batch-size", "8"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  // Wait for the second epoch to be reported, then press Ctrl-C.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!contains(inspect_testing::slurp(err), "epoch 2/") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "the process died of a signal instead of stopping cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 0) << inspect_testing::slurp(err);
  EXPECT_TRUE(contains(inspect_testing::slurp(out), "stopped: stop requested"))
      << inspect_testing::slurp(out);
  EXPECT_TRUE(contains(inspect_testing::slurp(err), "saving the best weights"))
      << inspect_testing::slurp(err);
  const modelfile::LoadedModel loaded = modelfile::loadModel(model);
  EXPECT_GE(loaded.metadata.history.size(), 2u);
  EXPECT_EQ(loaded.metadata.recipe["stopReason"], "stop requested");
}

}  // namespace
}  // namespace melodyvae::product_testing
