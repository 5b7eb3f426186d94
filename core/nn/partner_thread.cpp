// The partner's loop: watch for a job for kSpinTime, then sleep on wake_ (std::atomic::wait: a futex on
// Linux, a ulock on macOS; no mutex on either side).
#include "core/nn/partner_thread.h"

#include <cassert>

#include "core/nn/cpu_relax.h"

namespace melodyvae::nn {

PartnerThread::PartnerThread() : thread_([this] { partnerLoop(); }) {}

PartnerThread::~PartnerThread() {
  stopping_.store(true);
  wake_.fetch_add(1);  // a value the partner is not waiting for
  wake_.notify_one();
  thread_.join();
}

// The owner takes parts from the front, the partner from the back: with both at work each usually takes the
// same parts job after job (the caller 0 and 1, the partner 3 and 2 of a decode's four branches), so each
// core's caches keep holding the same weights. claimed_ packs (taken from the front) | (taken from the
// back) << 16.
int PartnerThread::claimPart(bool fromBack) noexcept {
  std::uint32_t claimed = claimed_.load(std::memory_order_relaxed);
  while (true) {
    const std::uint32_t front = claimed & 0xFFFFu;
    const std::uint32_t back = claimed >> 16;
    if (static_cast<int>(front + back) >= parts_) return -1;
    const std::uint32_t next = fromBack ? claimed + (1u << 16) : claimed + 1u;
    if (claimed_.compare_exchange_weak(claimed, next, std::memory_order_relaxed)) {
      return fromBack ? parts_ - 1 - static_cast<int>(back) : static_cast<int>(front);
    }
  }
}

void PartnerThread::takeParts(bool fromBack) noexcept {
  for (int part = claimPart(fromBack); part >= 0; part = claimPart(fromBack)) function_(context_, part);
}

void PartnerThread::runParts(int parts, Function function, void* context) noexcept {
  assert(parts >= 0 && parts < (1 << 16));  // claimed_ counts each end in 16 bits
  function_ = function;
  context_ = context;
  parts_ = parts;
  claimed_.store(0, std::memory_order_relaxed);
  ++generation_;
  state_.store(static_cast<std::uint64_t>(generation_) << 2, std::memory_order_release);
  wake_.store(generation_, std::memory_order_release);
  wake_.notify_one();  // a check of a waiter count unless the partner sleeps
  takeParts(false);
  const std::uint64_t old = state_.fetch_or(kClosed, std::memory_order_acq_rel);
  if ((old & kJoined) == 0) return;
  // The partner is inside its last part: a wait of at most one part.
  while (finished_.load(std::memory_order_acquire) != generation_) cpuRelax();
}

void PartnerThread::partnerLoop() {
  std::uint32_t seen = 0;
  while (true) {
    auto deadline = std::chrono::steady_clock::now() + kSpinTime;
    unsigned spins = 0;
    std::uint64_t state = state_.load(std::memory_order_acquire);
    while (static_cast<std::uint32_t>(state >> 2) == seen) {
      if (stopping_.load(std::memory_order_relaxed)) return;
      cpuRelax();
      if (++spins % 64 == 0 && std::chrono::steady_clock::now() > deadline) {
        wake_.wait(seen, std::memory_order_acquire);  // returns once wake_ differs from `seen`
        deadline = std::chrono::steady_clock::now() + kSpinTime;
      }
      state = state_.load(std::memory_order_acquire);
    }
    seen = static_cast<std::uint32_t>(state >> 2);
    std::uint64_t open = static_cast<std::uint64_t>(seen) << 2;
    if (!state_.compare_exchange_strong(open, open | kJoined, std::memory_order_acq_rel)) continue;  // closed
    takeParts(true);
    finished_.store(seen, std::memory_order_release);
  }
}

}  // namespace melodyvae::nn
