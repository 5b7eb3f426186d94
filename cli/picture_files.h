// Shared by the commands that draw pictures (map, plot, train --plot): which format a file name asks for,
// and the training history of a model file read for plotting.
#pragma once

#include <string>
#include <vector>

#include "core/modelfile/model_metadata.h"
#include "core/training/epoch_report.h"

namespace melodyvae::cli {

enum class PictureFormat { kSvg, kPng };

// The format named by `path`'s extension (.svg or .png, any case); CommandError naming `option` and the
// extensions allowed (`pngAllowed` false: SVG only) otherwise.
PictureFormat pictureFormatOf(const std::string& path, const std::string& option, bool pngAllowed);

// The epochs of `metadata`'s history that can be read; an unreadable entry is reported on stderr and
// left out. CommandError naming `modelPath` when none is left.
std::vector<training::EpochReport> readableHistory(const modelfile::ModelMetadata& metadata,
                                                   const std::string& modelPath);

// `bytes` written atomically to `path`; a failure becomes a CommandError naming it.
void writePicture(const std::string& path, const std::string& bytes);

// The file name of `path` without its folders, for titles.
std::string fileNameOf(const std::string& path);

}  // namespace melodyvae::cli
