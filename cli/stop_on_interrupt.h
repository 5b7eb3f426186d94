// Ctrl-C during training: the first SIGINT asks the trainer to stop (it keeps the best weights and the
// command still saves them); a second one ends the program at once.
#pragma once

#include <atomic>

namespace melodyvae::cli {

// While alive, SIGINT sets stopRequested() instead of killing the process. Not nestable.
class StopOnInterrupt {
 public:
  StopOnInterrupt();
  ~StopOnInterrupt();
  StopOnInterrupt(const StopOnInterrupt&) = delete;
  StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;

  // The flag the trainer polls; set by the signal handler (a lock-free atomic, safe there).
  static const std::atomic<bool>& stopRequested();
};

}  // namespace melodyvae::cli
