// Fork-join over a fixed number of parts for the large matrix products: the calling thread and helper
// threads take parts until none is left. Results never depend on the thread count (the parts do not
// change with it), only the speed does.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace melodyvae::nn {

class WorkerPool {
 public:
  // helperThreads extra threads beside the caller (0: everything runs on the caller).
  explicit WorkerPool(int helperThreads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // The process-wide pool: one helper per extra hardware thread, at most 3 helpers.
  static WorkerPool& shared();

  int helperThreads() const { return static_cast<int>(helpers_.size()); }

  // Threads a fork-join may use, the caller included: clamped to [1, helperThreads() + 1] (the default is
  // all of them). Results do not change with it (see above), only the speed; for benchmarks and for
  // musicians who want a core left free. Takes effect from the next run().
  void setThreads(int threads);
  int threads() const { return activeHelpers_.load() + 1; }

  // Runs task(part) for every part in [0, parts) and returns when all are done. Safe to call from several
  // threads: a caller that finds the pool busy runs its parts itself. Neither allocates nor throws; task
  // must not throw.
  template <typename Task>
  void run(int parts, Task& task) {
    runParts(
        parts, [](void* context, int part) { (*static_cast<Task*>(context))(part); }, &task);
  }

 private:
  using Function = void (*)(void* context, int part);
  void runParts(int parts, Function function, void* context);
  void helperLoop(int index);
  // Joins job `generation` if it is still open and this helper may take parts; then takes parts.
  void joinJob(unsigned generation, int index);
  void takeParts(Function function, void* context, int parts);
  // Spins until done() is true (true), or kSpinTime passes or the pool stops (false).
  template <typename Done>
  bool spinUntil(Done&& done) const;

  // How long a helper watches for the next job, and a caller for the helpers to finish, before sleeping.
  // Fork-joins come every few tens of microseconds in a training step; a wake-up through the condition
  // variable costs ~40 us on a shared 2-vCPU machine, spinning well under 1 us.
  static constexpr std::chrono::microseconds kSpinTime{100};
  // job_ packs the generation (high 32 bits), a closed flag and the number of helpers that joined.
  static constexpr std::uint64_t kClosed = std::uint64_t{1} << 31;
  static constexpr std::uint64_t kJoinedMask = kClosed - 1;

  std::vector<std::thread> helpers_;
  std::mutex callerMutex_;  // one fork-join at a time
  std::mutex mutex_;        // for sleeping and waking only
  std::condition_variable wake_;
  std::condition_variable done_;
  std::atomic<bool> stopping_{false};
  // The caller publishes a job by storing (generation << 32) in job_; a helper joins by incrementing the
  // count while the job is open; the caller closes it when its own parts are done and waits only for the
  // helpers that joined. A helper busy elsewhere (the machine may be shared) never delays a job.
  std::atomic<std::uint64_t> job_{0};
  std::atomic<unsigned> finished_{0};  // helpers of the current job done with their parts
  unsigned generation_ = 0;            // the caller's
  Function function_ = nullptr;        // the current job, written before job_ publishes it
  void* context_ = nullptr;
  int parts_ = 0;
  std::atomic<int> jobHelpers_{0};  // helpers allowed to join the current job (threads() - 1)
  std::atomic<int> nextPart_{0};
  std::atomic<int> activeHelpers_{0};  // set in the constructor to helperThreads()
};

// WorkerPool::shared().setThreads(threads): how many threads the engine's big products use.
void setWorkerThreads(int threads);

// Runs body(begin, end) over [0, size) cut into `parts` fixed ranges, each a whole multiple of `align`
// values but the last, on the shared pool when `parallel` (the work pays for a fork-join), else as one range
// on the caller. The ranges do not depend on the thread count, so neither do results.
template <typename Body>
void forRanges(std::ptrdiff_t size, int parts, std::ptrdiff_t align, bool parallel, Body&& body) {
  if (!parallel) {
    body(std::ptrdiff_t{0}, size);
    return;
  }
  const std::ptrdiff_t chunk = ((size + parts - 1) / parts + align - 1) / align * align;
  auto task = [&](int part) {
    const std::ptrdiff_t begin = std::min(size, chunk * part);
    body(begin, std::min(size, begin + chunk));
  };
  WorkerPool::shared().run(parts, task);
}

}  // namespace melodyvae::nn
