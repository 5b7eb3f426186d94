// `melodyvae train --plot`: the loss plot rewritten (atomically) after every epoch, so it can be watched
// while training runs.
#pragma once

#include <string>
#include <vector>

#include "core/training/epoch_report.h"

namespace melodyvae::cli {

// Where --plot without a path writes: beside the model, "mine.safetensors" -> "mine-loss.svg".
std::string defaultPlotPath(const std::string& modelPath);

class TrainingPlot {
 public:
  // Refuses (CommandError) a path that is not *.svg or cannot be written, before training starts.
  TrainingPlot(std::string path, std::string title);

  // Adds the epoch and rewrites the plot. A failed write is reported once on stderr and training goes on:
  // the model matters more than its picture.
  void add(const training::EpochReport& report);

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string title_;
  std::vector<training::EpochReport> history_;
  bool failed_ = false;
};

}  // namespace melodyvae::cli
