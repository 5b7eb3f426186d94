// Picture file names, readable histories and atomic picture writes for the picture commands.
#include "cli/picture_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <span>
#include <stdexcept>

#include "cli/commands.h"
#include "core/common/atomic_file.h"

namespace melodyvae::cli {

PictureFormat pictureFormatOf(const std::string& path, const std::string& option, bool pngAllowed) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".svg") return PictureFormat::kSvg;
  if (extension == ".png" && pngAllowed) return PictureFormat::kPng;
  throw CommandError(
      option + " '" + path + "': name the picture " +
      (pngAllowed ? std::string("*.svg or *.png") : std::string("*.svg (SVG only)")) +
      (extension == ".png" ? "; for a PNG, convert the SVG, e.g. `rsvg-convert -o plot.png plot.svg`" : ""));
}

std::vector<training::EpochReport> readableHistory(const modelfile::ModelMetadata& metadata,
                                                   const std::string& modelPath) {
  std::vector<training::EpochReport> history;
  std::size_t entry = 0;
  for (const nlohmann::json& json : metadata.history) {
    try {
      history.push_back(training::epochReportFromJson(json, ++entry));
    } catch (const std::invalid_argument& error) {
      std::cerr << "melodyvae: '" << modelPath << "': left out of the plot: " << error.what() << "\n";
    }
  }
  if (history.empty()) {
    throw CommandError("model file '" + modelPath + "' holds no " +
                       (metadata.history.empty() ? std::string("training history")
                                                 : std::string("readable training history")) +
                       " to plot (see `melodyvae info`)");
  }
  return history;
}

void writePicture(const std::string& path, const std::string& bytes) {
  try {
    writeFileAtomically(path, std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  } catch (const FileWriteError& error) {
    throw CommandError(error.what());
  }
}

std::string fileNameOf(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace melodyvae::cli
