// The shared fork-join pool: helpers sleep on a condition variable between jobs (no spinning, the machine
// may be shared).
#include "core/nn/worker_pool.h"

#include <algorithm>

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
    stopping_ = true;
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

void WorkerPool::helperLoop(int index) {
  unsigned seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    const Function function = function_;
    void* const context = context_;
    const int parts = parts_;
    const bool takesParts = index < jobHelpers_;
    lock.unlock();
    if (takesParts) takeParts(function, context, parts);
    lock.lock();
    if (++finishedHelpers_ == static_cast<int>(helpers_.size())) done_.notify_one();
  }
}

void WorkerPool::runParts(int parts, Function function, void* context) {
  std::unique_lock<std::mutex> caller(callerMutex_, std::try_to_lock);
  const int activeHelpers = activeHelpers_.load();
  if (activeHelpers == 0 || parts < 2 || !caller.owns_lock()) {
    for (int part = 0; part < parts; ++part) function(context, part);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    function_ = function;
    context_ = context;
    parts_ = parts;
    nextPart_.store(0);
    finishedHelpers_ = 0;
    jobHelpers_ = activeHelpers;
    ++generation_;
  }
  wake_.notify_all();
  takeParts(function, context, parts);
  // Every helper checks in once per job (even if it found no part left), so none can still be looking at
  // this job's function and context when the next job replaces them.
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return finishedHelpers_ == static_cast<int>(helpers_.size()); });
}

}  // namespace melodyvae::nn
