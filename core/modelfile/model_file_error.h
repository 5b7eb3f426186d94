// The error every model-file reader and writer throws: it names the file and says what is wrong with it.
#pragma once

#include <stdexcept>
#include <string>

namespace melodyvae::modelfile {

// Ends the message of a file written by a newer MelodyVAE: the file is fine, the program needs updating.
inline constexpr char kNewerFormatAdvice[] = "it was written by a newer MelodyVAE; update melodyvae";

class ModelFileError : public std::runtime_error {
 public:
  // `file` is the path (or a label such as "<memory>"); `problem` says what is wrong and, where it
  // helps, what to do.
  ModelFileError(const std::string& file, const std::string& problem)
      : std::runtime_error("model file '" + file + "': " + problem), file_(file), problem_(problem) {}

  const std::string& file() const { return file_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  std::string problem_;
};

}  // namespace melodyvae::modelfile
