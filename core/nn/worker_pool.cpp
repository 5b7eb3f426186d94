// The shared fork-join pool: between jobs, helpers watch for the next one for kSpinTime, then sleep on a
// condition variable (a bounded spin: an idle pool costs nothing on a shared machine).
#include "core/nn/worker_pool.h"

#include <algorithm>

#include "core/nn/cpu_relax.h"

namespace melodyvae::nn {

WorkerPool::WorkerPool(int helperThreads) {
  for (int i = 0; i < helperThreads; ++i) helpers_.emplace_back([this, i] { helperLoop(i); });
  activeHelpers_.store(static_cast<int>(helpers_.size()));
}

void WorkerPool::setThreads(int threads) {
  activeHelpers_.store(std::clamp(threads - 1, 0, static_cast<int>(helpers_.size())));
}

void setWorkerThreads(int threads) {
  WorkerPool::shared().setThreads(threads);
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_.store(true);
  }
  wake_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
}

WorkerPool& WorkerPool::shared() {
  static WorkerPool pool(std::clamp(static_cast<int>(std::thread::hardware_concurrency()) - 1, 0, 3));
  return pool;
}

void WorkerPool::takeParts(Function function, void* context, int parts) {
  for (int part = nextPart_.fetch_add(1); part < parts; part = nextPart_.fetch_add(1))
    function(context, part);
}

template <typename Done>
bool WorkerPool::spinUntil(Done&& done) const {
  const auto deadline = std::chrono::steady_clock::now() + kSpinTime;
  while (true) {
    for (int i = 0; i < 64; ++i) {
      if (done()) return true;
      if (stopping_.load(std::memory_order_relaxed)) return false;
      cpuRelax();
    }
    if (std::chrono::steady_clock::now() > deadline) return false;
  }
}

void WorkerPool::joinJob(unsigned generation, int index) {
  std::uint64_t state = job_.load(std::memory_order_acquire);
  while (true) {
    if ((state >> 32) != generation || (state & kClosed) != 0) return;  // closed, or already replaced
    if (index >= jobHelpers_.load(std::memory_order_relaxed))
      return;  // fewer threads asked for (jobHelpers_ is published by job_)
    if (job_.compare_exchange_weak(state, state + 1, std::memory_order_acq_rel)) break;
  }
  takeParts(function_, context_, parts_);
  finished_.fetch_add(1, std::memory_order_acq_rel);
  // The caller may have stopped spinning and gone to sleep: wake it (cheap when nobody waits).
  std::lock_guard<std::mutex> lock(mutex_);
  done_.notify_one();
}

void WorkerPool::helperLoop(int index) {
  unsigned seen = 0;
  while (true) {
    // The next job usually follows within microseconds (a training step runs dozens): watch for it
    // before sleeping, since a condition-variable wake-up costs tens of microseconds.
    auto published = [&] {
      return static_cast<unsigned>(job_.load(std::memory_order_acquire) >> 32) != seen;
    };
    if (!spinUntil(published)) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_.load() || published(); });
    }
    if (stopping_.load()) return;
    seen = static_cast<unsigned>(job_.load(std::memory_order_acquire) >> 32);
    joinJob(seen, index);
  }
}

void WorkerPool::runParts(int parts, Function function, void* context) {
  std::unique_lock<std::mutex> caller(callerMutex_, std::try_to_lock);
  const int activeHelpers = activeHelpers_.load();
  if (activeHelpers == 0 || parts < 2 || !caller.owns_lock()) {
    for (int part = 0; part < parts; ++part) function(context, part);
    return;
  }
  // No helper of the previous job is still running (the caller waited for every one that joined), so
  // the job's fields can be rewritten; job_'s release store publishes them.
  function_ = function;
  context_ = context;
  parts_ = parts;
  jobHelpers_.store(activeHelpers, std::memory_order_relaxed);
  nextPart_.store(0, std::memory_order_relaxed);
  finished_.store(0, std::memory_order_relaxed);
  ++generation_;
  {
    std::lock_guard<std::mutex> lock(mutex_);  // so that a helper about to sleep sees the new job
    job_.store(static_cast<std::uint64_t>(generation_) << 32, std::memory_order_release);
  }
  wake_.notify_all();
  takeParts(function, context, parts);
  const auto joined = static_cast<unsigned>(job_.fetch_or(kClosed, std::memory_order_acq_rel) & kJoinedMask);
  auto allDone = [&] { return finished_.load(std::memory_order_acquire) == joined; };
  if (joined == 0 || spinUntil(allDone)) return;
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, allDone);
}

}  // namespace melodyvae::nn
