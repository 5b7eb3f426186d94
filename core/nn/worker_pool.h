// Fork-join over a fixed number of parts for the large matrix products: the calling thread and helper
// threads take parts until none is left. Results never depend on the thread count (the parts do not
// change with it), only the speed does.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
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
  void takeParts(Function function, void* context, int parts);

  std::vector<std::thread> helpers_;
  std::mutex callerMutex_;  // one fork-join at a time
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  bool stopping_ = false;
  unsigned generation_ = 0;
  Function function_ = nullptr;
  void* context_ = nullptr;
  int parts_ = 0;
  std::atomic<int> nextPart_{0};
  int finishedHelpers_ = 0;
  int jobHelpers_ = 0;                 // helpers taking parts in the current job (the rest only check in)
  std::atomic<int> activeHelpers_{0};  // set in the constructor to helperThreads()
};

// WorkerPool::shared().setThreads(threads): how many threads the engine's big products use.
void setWorkerThreads(int threads);

}  // namespace melodyvae::nn
