// The live training plot.
#include "cli/training_plot.h"

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/model_loading.h"
#include "cli/picture_files.h"
#include "core/pictures/history_plot.h"

namespace melodyvae::cli {

std::string defaultPlotPath(const std::string& modelPath) {
  std::filesystem::path path(modelPath);
  const std::string stem = path.stem().string();
  path.replace_filename((stem.empty() ? std::string("model") : stem) + "-loss.svg");
  return path.string();
}

TrainingPlot::TrainingPlot(std::string path, std::string title)
    : path_(std::move(path)), title_(std::move(title)) {
  pictureFormatOf(path_, "--plot", false);
  checkOutputPath(path_, "--plot");
}

void TrainingPlot::add(const training::EpochReport& report) {
  history_.push_back(report);
  try {
    writePicture(path_, pictures::historyPlotSvg(history_, title_));
  } catch (const std::exception& error) {
    if (!failed_) std::cerr << "\nmelodyvae: --plot: " << error.what() << "; training goes on\n";
    failed_ = true;
  }
}

}  // namespace melodyvae::cli
