// One extra thread that shares a fork-join with its owner without locks: for the real-time decode, where
// the shared WorkerPool (mutex, condition variable) does not belong. The owner publishes a job, takes
// parts itself, and waits only if the partner joined; a partner that is asleep or busy elsewhere never
// delays a job, because the owner then takes every part.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

namespace melodyvae::nn {

class PartnerThread {
 public:
  PartnerThread();  // starts the thread (allocates)
  ~PartnerThread();
  PartnerThread(const PartnerThread&) = delete;
  PartnerThread& operator=(const PartnerThread&) = delete;

  // Runs task(part) for every part in [0, parts) on this thread and the partner, and returns when all are
  // done. No allocation, no lock; a system call only to wake a sleeping partner (a futex / ulock wake).
  // One owner thread at a time; task must not throw; parts < 65536. The owner takes parts from the front,
  // the partner from the back, so with both at work each usually takes the same parts every job (not when
  // the partner joins late, e.g. on waking).
  template <typename Task>
  void run(int parts, Task& task) noexcept {
    runParts(
        parts, [](void* context, int part) { (*static_cast<Task*>(context))(part); }, &task);
  }

 private:
  using Function = void (*)(void* context, int part);
  void runParts(int parts, Function function, void* context) noexcept;
  void partnerLoop();
  int claimPart(bool fromBack) noexcept;  // the next part to run, or -1 when none is left
  void takeParts(bool fromBack) noexcept;

  // How long the partner watches for the next job before sleeping. A decode takes tens of microseconds;
  // a musician's XY-pad moves come every few milliseconds, so between moves the partner sleeps.
  static constexpr std::chrono::microseconds kSpinTime{200};
  // state_ = (generation << 2) | kJoined | kClosed: the partner joins an open job by setting kJoined, the
  // owner closes it when its own parts are done and then waits only if the partner joined.
  static constexpr std::uint64_t kClosed = 1;
  static constexpr std::uint64_t kJoined = 2;

  std::atomic<std::uint64_t> state_{0};
  std::atomic<std::uint32_t> wake_{0};      // the newest generation, for the sleeping partner to wait on
  std::atomic<std::uint32_t> finished_{0};  // the newest generation the partner finished its parts of
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint32_t> claimed_{0};  // parts taken: from the front | from the back << 16
  std::uint32_t generation_ = 0;           // the owner's
  Function function_ = nullptr;            // the current job, written before state_ publishes it
  void* context_ = nullptr;
  int parts_ = 0;
  std::thread thread_;  // last: started once everything above is initialized
};

}  // namespace melodyvae::nn
