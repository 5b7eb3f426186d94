// First-in first-out pairing of note-ons and note-offs per (channel, pitch).
#include "core/midi/note_pairing.h"

#include <algorithm>

namespace melodyvae::midi {

NotePairer::Queue& NotePairer::queueOf(std::uint16_t key) {
  if (slotOfKey_[key] == 0) {
    queues_.emplace_back();
    slotOfKey_[key] = static_cast<std::uint16_t>(queues_.size());
  }
  return queues_[slotOfKey_[key] - 1];
}

void NotePairer::noteOn(std::int64_t tick, std::uint8_t channel, std::uint8_t pitch, std::uint8_t velocity) {
  const auto key = static_cast<std::uint16_t>(channel * 128 + pitch);
  Queue& queue = queueOf(key);
  if (queue.head == queue.items.size()) keysInUse_.push_back(key);
  queue.items.push_back({tick, velocity});
}

bool NotePairer::noteOff(std::int64_t tick, std::uint8_t channel, std::uint8_t pitch) {
  const auto key = static_cast<std::uint16_t>(channel * 128 + pitch);
  if (slotOfKey_[key] == 0) return false;
  Queue& queue = queues_[slotOfKey_[key] - 1];
  if (queue.head == queue.items.size()) return false;
  const Sounding& first = queue.items[queue.head++];
  out_.push_back({first.startTick, tick, pitch, first.velocity, channel, track_});
  if (queue.head == queue.items.size()) {
    queue.items.clear();
    queue.head = 0;
    // Few keys sound at once, so a linear search is cheaper than any index.
    keysInUse_.erase(std::find(keysInUse_.begin(), keysInUse_.end(), key));
  } else if (queue.head >= 64 && 2 * queue.head >= queue.items.size()) {
    // A pitch that never falls silent: drop the closed front so the queue does not keep growing.
    queue.items.erase(queue.items.begin(), queue.items.begin() + static_cast<std::ptrdiff_t>(queue.head));
    queue.head = 0;
  }
  return true;
}

std::size_t NotePairer::closeAll(std::int64_t endTick) {
  std::size_t closed = 0;
  for (const std::uint16_t key : keysInUse_) {
    Queue& queue = queues_[slotOfKey_[key] - 1];
    const auto channel = static_cast<std::uint8_t>(key / 128);
    const auto pitch = static_cast<std::uint8_t>(key % 128);
    for (std::size_t i = queue.head; i < queue.items.size(); ++i) {
      const Sounding& sounding = queue.items[i];
      out_.push_back({sounding.startTick, std::max(endTick, sounding.startTick), pitch, sounding.velocity,
                      channel, track_});
      ++closed;
    }
    queue.items.clear();
    queue.head = 0;
  }
  keysInUse_.clear();
  return closed;
}

}  // namespace melodyvae::midi
