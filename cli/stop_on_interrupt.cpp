// SIGINT -> stop flag for the trainer.
#include "cli/stop_on_interrupt.h"

#include <pthread.h>
#include <signal.h>

#include <csignal>

namespace melodyvae::cli {
namespace {

std::atomic<bool> stopFlag{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void onInterrupt(int) {
  stopFlag.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the program at once
}

using Handler = void (*)(int);
Handler previousHandler = SIG_DFL;

}  // namespace

StopOnInterrupt::StopOnInterrupt() {
  stopFlag.store(false);
  previousHandler = std::signal(SIGINT, onInterrupt);
}

StopOnInterrupt::~StopOnInterrupt() {
  std::signal(SIGINT, previousHandler == SIG_ERR ? SIG_DFL : previousHandler);
}

const std::atomic<bool>& StopOnInterrupt::stopRequested() {
  return stopFlag;
}

namespace {

sigset_t interruptOnly() {
  sigset_t interrupt;
  sigemptyset(&interrupt);
  sigaddset(&interrupt, SIGINT);
  return interrupt;
}

}  // namespace

DeferInterrupts::DeferInterrupts() {
  const sigset_t interrupt = interruptOnly();
  blocked_ = pthread_sigmask(SIG_BLOCK, &interrupt, nullptr) == 0;
}

DeferInterrupts::~DeferInterrupts() {
  if (!blocked_) return;
  const sigset_t interrupt = interruptOnly();
  pthread_sigmask(SIG_UNBLOCK, &interrupt, nullptr);
}

}  // namespace melodyvae::cli
