// Model loading and output-path checks shared by the commands.
#include "cli/model_loading.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/commands.h"

namespace melodyvae::cli {

modelfile::LoadedModel loadModelForCommand(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    throw CommandError("model file '" + path + "' does not exist; give the path of a model written by " +
                       "`melodyvae train`, or train one with `melodyvae train <midi folder> -o " + path +
                       "`");
  }
  try {
    return modelfile::loadModel(path);
  } catch (const modelfile::ModelFileError& failure) {
    const std::string message = failure.what();
    // A newer file is fine as it is; only the program needs updating.
    if (message.ends_with(modelfile::kNewerFormatAdvice)) throw CommandError(message);
    throw CommandError(message + "\n(give a model written by `melodyvae train`, or train a new one)");
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
  // Files are written as a temporary file in the same folder, then renamed: try creating one now, so an
  // unwritable folder is found before a long training run rather than after it.
  const std::filesystem::path probe =
      folder / (".melodyvae-write-test-" + std::to_string(static_cast<long>(::getpid())));
  const int descriptor = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (descriptor < 0) {
    if (errno == EEXIST) return;  // a leftover probe: the folder was writable then, the write will tell
    throw CommandError(option + " '" + path + "': cannot create files in the folder '" + folder.string() +
                       "' (" + std::strerror(errno) + "); choose another path");
  }
  ::close(descriptor);
  std::filesystem::remove(probe, error);
}

void checkNotOverwriting(const std::string& output, const std::string& input, const std::string& what) {
  std::error_code error;
  if (std::filesystem::equivalent(output, input, error) && !error) {
    throw CommandError("-o '" + output + "' is " + what + "; write to a new file so that one is kept");
  }
}

}  // namespace melodyvae::cli
