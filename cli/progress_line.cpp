// Training progress output for terminals and logs.
#include "cli/progress_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/number_text.h"

namespace melodyvae::cli {

std::string formatDuration(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
  }
  return buffer;
}

std::string formatEpochFigures(const training::EpochReport& r) {
  // Most important first: a terminal line cut at the window's width loses only the loss parts.
  std::string text = "loss " + fixedDecimals(r.train.total, 2);
  if (r.hasValidation) text += "  val " + fixedDecimals(r.validation.total, 2) + (r.improved ? " *" : "");
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.3g", r.learningRate);
  text += std::string("  lr ") + rate + "  kl-weight " + fixedDecimals(r.klWeight, 2) + "  " +
          formatDuration(r.elapsedSeconds) + "  ETA <= " + formatDuration(r.etaSeconds) + "  (onset " +
          fixedDecimals(r.train.onset, 2) + ", velocity " + fixedDecimals(r.train.velocity, 2) +
          ", duration " + fixedDecimals(r.train.duration, 2) + ", offset " +
          fixedDecimals(r.train.offset, 2) + ", kl " + fixedDecimals(r.train.kl, 2) + ")";
  return text;
}

std::string formatEpoch(const training::EpochReport& r) {
  std::string text = "epoch ";
  text += std::to_string(r.epoch);
  text += '/';
  text += std::to_string(r.maxEpochs);
  text += "  ";
  return text + formatEpochFigures(r);
}

namespace {

// Columns of the terminal on stdout or stderr (a wrapped line could not be rewritten in place).
std::size_t terminalColumns(const std::ostream& stream) {
  winsize size{};
  const int fd = &stream == &std::cout ? STDOUT_FILENO : STDERR_FILENO;
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 10) return size.ws_col;
  return 80;
}

}  // namespace

bool ProgressLine::isTerminal(const std::ostream& stream) {
  if (&stream == &std::cout) return ::isatty(STDOUT_FILENO) == 1;
  if (&stream == &std::cerr) return ::isatty(STDERR_FILENO) == 1;
  return false;
}

void ProgressLine::show(const std::string& text) {
  const std::size_t width = terminalColumns(out_) - 1;
  // \x1b[K clears what a longer line left behind.
  out_ << "\r" << (text.size() > width ? text.substr(0, width) : text) << "\x1b[K" << std::flush;
  lineOpen_ = true;
}

void ProgressLine::batch(int step, int steps) {
  if (!interactive_) return;
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on `"/" + std::to_string(...)`.
  std::string position = "epoch ";
  position += std::to_string(currentEpoch_);
  if (maxEpochs_ > 0) {
    position += '/';
    position += std::to_string(maxEpochs_);
  }
  position += " batch ";
  position += std::to_string(step);
  position += '/';
  position += std::to_string(steps);
  show(lastFigures_.empty() ? position : position + " | last epoch: " + lastFigures_);
}

void ProgressLine::epoch(const training::EpochReport& report) {
  currentEpoch_ = report.epoch + 1;
  maxEpochs_ = report.maxEpochs;
  lastFigures_ = formatEpochFigures(report);
  if (interactive_) {
    show(formatEpoch(report));
  } else {
    out_ << formatEpoch(report) << "\n" << std::flush;
  }
}

void ProgressLine::finish() {
  if (lineOpen_) out_ << "\n" << std::flush;
  lineOpen_ = false;
}

}  // namespace melodyvae::cli
