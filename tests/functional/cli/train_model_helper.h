// Shared by the train/generate/encode/info command tests: a tiny model trained through the binary on the
// three mono test files (one or two epochs, batch 16: under a second in Release).
#pragma once

#include <filesystem>
#include <string>

#include "inspect_process.h"

namespace melodyvae::product_testing {

using inspect_testing::ProcessResult;
using inspect_testing::runMelodyvae;
using inspect_testing::ScratchFolder;
using inspect_testing::testData;

// Trains into `folder`/model.safetensors and returns its path; fails the test if training fails.
inline std::string trainTinyModel(const std::filesystem::path& folder, int epochs = 1, int seed = 1) {
  const std::string model = (folder / "model.safetensors").string();
  const ProcessResult result =
      runMelodyvae({"train", testData("mono"), "-o", model, "--epochs", std::to_string(epochs),
                    "--batch-size", "16", "--seed", std::to_string(seed)},
                   folder);
  EXPECT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(model)) << result.out << result.err;
  return model;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace melodyvae::product_testing
