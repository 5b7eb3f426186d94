// The live training progress: on a terminal one line rewritten in place (\r), otherwise (a pipe, a log
// file, a test) one plain line per epoch.
#pragma once

#include <ostream>
#include <string>

#include "core/training/epoch_report.h"

namespace melodyvae::cli {

class ProgressLine {
 public:
  // `interactive`: rewrite one line in place (call isTerminal to decide).
  ProgressLine(std::ostream& out, bool interactive) : out_(out), interactive_(interactive) {}

  // After each step (terminal only): the last epoch's figures plus "batch i/n" of the running epoch.
  void batch(int step, int steps);
  // After each epoch.
  void epoch(const training::EpochReport& report);
  // Ends the line in place so later output starts on a fresh line.
  void finish();

  // True when `stream` (stdout or stderr) is a terminal.
  static bool isTerminal(const std::ostream& stream);

 private:
  void show(const std::string& text);

  std::ostream& out_;
  bool interactive_;
  std::string lastFigures_;  // the last epoch's figures, shown beside the running epoch's batch count
  int currentEpoch_ = 1;
  int maxEpochs_ = 0;
  bool lineOpen_ = false;
};

// "1:05" / "1:02:03" for a number of seconds.
std::string formatDuration(double seconds);
// One epoch's figures: losses, validation loss, learning rate, KL weight, time, ETA, loss parts.
std::string formatEpochFigures(const training::EpochReport& report);
// "epoch i/n  " followed by the figures.
std::string formatEpoch(const training::EpochReport& report);

}  // namespace melodyvae::cli
