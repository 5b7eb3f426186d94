// Model loading and output-path checks shared by the commands.
#include "cli/model_loading.h"

#include <filesystem>

#include "cli/commands.h"

namespace melodyvae::cli {

modelfile::LoadedModel loadModelForCommand(const std::string& path) {
  try {
    return modelfile::loadModel(path);
  } catch (const modelfile::ModelFileError& error) {
    throw CommandError(std::string(error.what()) +
                       "\n(give a model written by `melodyvae train`, or train a new one)");
  }
}

void checkOutputPath(const std::string& path, const std::string& option) {
  if (path.empty()) throw CommandError(option + " needs a file name");
  const std::filesystem::path file(path);
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) {
    throw CommandError(option + " '" + path + "' is a folder; give a file name such as '" +
                       (file / "out").string() + "'");
  }
  const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
  if (!std::filesystem::is_directory(folder, error)) {
    throw CommandError(option + " '" + path + "': the folder '" + folder.string() +
                       "' does not exist; create it first or choose another path");
  }
}

}  // namespace melodyvae::cli
