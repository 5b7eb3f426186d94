// WorkerPool: every part runs exactly once, from any number of concurrent callers, with or without helpers.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/nn/worker_pool.h"

namespace melodyvae::nn {
namespace {

void expectEveryPartOnce(WorkerPool& pool, int parts, int jobs) {
  for (int job = 0; job < jobs; ++job) {
    std::vector<std::atomic<int>> counts(static_cast<std::size_t>(parts));
    auto task = [&](int part) { counts[static_cast<std::size_t>(part)].fetch_add(1); };
    pool.run(parts, task);
    for (int part = 0; part < parts; ++part) {
      ASSERT_EQ(counts[static_cast<std::size_t>(part)].load(), 1) << "job " << job << " part " << part;
    }
  }
}

TEST(WorkerPool, RunsEveryPartExactlyOnce) {
  WorkerPool none(0);
  expectEveryPartOnce(none, 4, 10);
  WorkerPool two(2);
  EXPECT_EQ(two.helperThreads(), 2);
  expectEveryPartOnce(two, 1, 10);
  expectEveryPartOnce(two, 4, 500);
  expectEveryPartOnce(two, 37, 50);
}

TEST(WorkerPool, ConcurrentCallersEachGetTheirOwnParts) {
  WorkerPool pool(1);
  std::vector<std::thread> callers;
  for (int c = 0; c < 3; ++c) callers.emplace_back([&] { expectEveryPartOnce(pool, 4, 200); });
  for (std::thread& caller : callers) caller.join();
}

}  // namespace
}  // namespace melodyvae::nn
