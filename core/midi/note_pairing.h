// Turns a track's note-on and note-off events into notes: for each (channel, pitch), note-offs close the
// sounding notes first-in first-out, and whatever still sounds when the track ends is closed there.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/midi/song.h"

namespace melodyvae::midi {

class NotePairer {
 public:
  // Finished notes are appended to `out`, which must outlive the pairer.
  explicit NotePairer(std::vector<Note>& out) : out_(out) {}

  // Starts a new track: notes still open from the previous track must have been closed with closeAll.
  void beginTrack(std::uint16_t track) { track_ = track; }
  // velocity 1..127 (a note-on with velocity 0 is a note-off: call noteOff).
  void noteOn(std::int64_t tick, std::uint8_t channel, std::uint8_t pitch, std::uint8_t velocity);
  // Closes the oldest sounding note of (channel, pitch); false when none sounds (the event is ignored).
  bool noteOff(std::int64_t tick, std::uint8_t channel, std::uint8_t pitch);
  // Closes every sounding note at `endTick`; returns how many there were.
  std::size_t closeAll(std::int64_t endTick);

 private:
  struct Sounding {
    std::int64_t startTick;
    std::uint8_t velocity;
  };
  // A first-in first-out queue that keeps its storage when it empties.
  struct Queue {
    std::vector<Sounding> items;
    std::size_t head = 0;
  };
  static constexpr std::size_t kKeys = 16 * 128;  // channel * 128 + pitch

  Queue& queueOf(std::uint16_t key);

  std::vector<Note>& out_;
  // Queues are made only for the keys a file uses (a song uses a few dozen of the 2048), so that
  // reading a small file does not pay for 2048 of them.
  std::array<std::uint16_t, kKeys> slotOfKey_{};  // 0: no queue yet; else index + 1 into queues_
  std::vector<Queue> queues_;
  std::vector<std::uint16_t> keysInUse_;  // keys whose queue is not empty, to close them quickly
  std::uint16_t track_ = 0;
};

}  // namespace melodyvae::midi
