// Loading a model file for a command, with errors phrased for the musician (CommandError).
#pragma once

#include <string>

#include "core/modelfile/model_file.h"

namespace melodyvae::cli {

// Loads `path`; a missing, damaged or foreign file becomes a CommandError naming the file and the problem.
modelfile::LoadedModel loadModelForCommand(const std::string& path);

// Throws CommandError when `path` cannot be written later: its folder does not exist or it is a folder.
// Commands call this before long work, so a typo in -o does not cost a training run.
// Also creates and removes a probe file there, so an unwritable folder is refused before the work.
void checkOutputPath(const std::string& path, const std::string& option);

// Throws CommandError when `output` names the same existing file as `input` (described by `what`, e.g.
// "the model being bent"), so no command overwrites what it reads.
void checkNotOverwriting(const std::string& output, const std::string& input, const std::string& what);

}  // namespace melodyvae::cli
