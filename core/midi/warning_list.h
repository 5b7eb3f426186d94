// The reader's list of tolerated defects (Song::warnings), capped so that a file made of thousands of
// junk chunks cannot make the list larger than the file deserves.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace melodyvae::midi {

class WarningList {
 public:
  static constexpr std::size_t kMaxLines = 100;

  explicit WarningList(std::vector<std::string>& lines) : lines_(lines) {}

  void add(std::string line) {
    if (lines_.size() < kMaxLines) {
      lines_.push_back(std::move(line));
    } else {
      ++dropped_;
    }
  }
  // Appends one line saying how many warnings were left out, if any.
  void finish() {
    if (dropped_ > 0) lines_.push_back("... and " + std::to_string(dropped_) + " more warnings");
    dropped_ = 0;
  }

 private:
  std::vector<std::string>& lines_;
  std::size_t dropped_ = 0;
};

}  // namespace melodyvae::midi
