// Terminal progress bar.
#include "cli/progress_bar.h"

#include <algorithm>

namespace melodyvae::cli {

ProgressBar::ProgressBar(std::ostream& out, bool shown, std::string label)
    : out_(out), shown_(shown), label_(std::move(label)) {}

std::string ProgressBar::render(const std::string& label, std::size_t done, std::size_t total, int width) {
  const std::size_t clamped = std::min(done, total);
  const int filled = total > 0 ? static_cast<int>(clamped * static_cast<std::size_t>(width) / total) : width;
  return label + "  [" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(width - filled), ' ') + "]  " + std::to_string(clamped) + "/" +
         std::to_string(total);
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!shown_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  out_ << "\r" << render(label_, done, total) << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  out_ << "\r\033[K" << std::flush;  // carriage return, then erase to the end of the line
  drawn_ = false;
}

}  // namespace melodyvae::cli
