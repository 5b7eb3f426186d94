// A progress bar for work that takes a while (loading a large folder, evaluating): on a terminal one line
// rewritten in place, at most every 100 ms; when not on a terminal (a pipe, a log, a test) or quiet, nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace melodyvae::cli {

class ProgressBar {
 public:
  // `shown`: draw at all (a terminal and not --quiet); `label` heads the line ("loading").
  ProgressBar(std::ostream& out, bool shown, std::string label);
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total);
  // Clears the line so later output starts clean.
  void finish();

  // "loading  [##########          ]  50/100" for a 20-character bar.
  static std::string render(const std::string& label, std::size_t done, std::size_t total, int width = 30);

 private:
  std::ostream& out_;
  bool shown_;
  std::string label_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace melodyvae::cli
