// PartnerThread: every part runs exactly once, whether the partner is spinning, asleep (after a pause
// longer than its spin time) or never joins, and the partner really shares the work, from the back.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "core/nn/partner_thread.h"

namespace melodyvae::nn {
namespace {

void expectEveryPartOnce(PartnerThread& partner, int parts, int jobs, std::chrono::microseconds pause) {
  for (int job = 0; job < jobs; ++job) {
    std::vector<std::atomic<int>> counts(static_cast<std::size_t>(parts));
    auto task = [&](int part) { counts[static_cast<std::size_t>(part)].fetch_add(1); };
    partner.run(parts, task);
    for (int part = 0; part < parts; ++part) {
      ASSERT_EQ(counts[static_cast<std::size_t>(part)].load(), 1) << "job " << job << " part " << part;
    }
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  }
}

TEST(PartnerThread, RunsEveryPartExactlyOnceBackToBack) {
  PartnerThread partner;
  expectEveryPartOnce(partner, 4, 5000, std::chrono::microseconds(0));
  expectEveryPartOnce(partner, 1, 200, std::chrono::microseconds(0));
  expectEveryPartOnce(partner, 0, 10, std::chrono::microseconds(0));
  expectEveryPartOnce(partner, 37, 200, std::chrono::microseconds(0));
}

TEST(PartnerThread, RunsEveryPartExactlyOnceAfterThePartnerSleeps) {
  PartnerThread partner;
  // 1 ms pauses: longer than the partner's 200 us of watching, so it is asleep when each job comes.
  expectEveryPartOnce(partner, 4, 100, std::chrono::milliseconds(1));
}

TEST(PartnerThread, ThePartnerTakesPartsWhenTheyTakeTime) {
  PartnerThread partner;
  const std::thread::id owner = std::this_thread::get_id();
  bool partnerHelped = false;
  // Parts of ~200 us each: a partner that is awake joins within a few microseconds.
  for (int job = 0; job < 50 && !partnerHelped; ++job) {
    std::vector<std::thread::id> ran(4);
    auto task = [&](int part) {
      ran[static_cast<std::size_t>(part)] = std::this_thread::get_id();
      const auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
      while (std::chrono::steady_clock::now() < end) {
      }
    };
    partner.run(4, task);
    // The owner takes from the front and the partner from the back: the owner's parts come first.
    bool partnerSeen = false;
    for (const std::thread::id id : ran) {
      if (id == owner) {
        EXPECT_FALSE(partnerSeen) << "job " << job << ": the owner ran a part after one of the partner's";
      } else {
        partnerSeen = true;
      }
    }
    EXPECT_EQ(partnerSeen, ran[3] != owner) << "job " << job << ": the partner starts from the last part";
    partnerHelped = partnerHelped || partnerSeen;
  }
  EXPECT_TRUE(partnerHelped) << "the partner never took a part in 50 jobs";
}

TEST(PartnerThread, StopsWhileAsleepOrRightAfterAJob) {
  for (int i = 0; i < 20; ++i) {
    PartnerThread partner;
    expectEveryPartOnce(partner, 4, 3, std::chrono::microseconds(0));
  }  // destroyed while spinning
  PartnerThread sleeping;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));  // destroyed while asleep
}

}  // namespace
}  // namespace melodyvae::nn
