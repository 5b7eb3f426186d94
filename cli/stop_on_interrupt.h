// Ctrl-C during training: the first SIGINT asks the trainer to stop (it keeps the best weights and the
// command still saves them); a second one ends the program at once, except while the model is being
// saved: then Ctrl-C waits until the file is complete (DeferInterrupts).
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

// While alive, SIGINT is held back (blocked for this thread) and delivered when it ends, so Ctrl-C cannot
// cut a save short and lose a finished training run.
class DeferInterrupts {
 public:
  DeferInterrupts();
  ~DeferInterrupts();
  DeferInterrupts(const DeferInterrupts&) = delete;
  DeferInterrupts& operator=(const DeferInterrupts&) = delete;

 private:
  bool blocked_ = false;
};

}  // namespace melodyvae::cli
