// A 2-bar loop in MelodyVAE's representation (see docs/design.md): 24 pitch rows x 32 sixteenth steps,
// stored compactly as a list of cells that hold an onset, and expanded to four float planes on demand.
#pragma once

#include <cstdint>
#include <span>

namespace melodyvae::loops {

inline constexpr int kRows = 24;          // pitch rows
inline constexpr int kSteps = 32;         // sixteenth steps: 2 bars of 4/4
inline constexpr int kStepsPerQuarter = 4;
inline constexpr int kCells = kRows * kSteps;  // 768, row-major: cell = row * kSteps + step
inline constexpr int kPlanes = 4;              // onset, velocity, duration, timing offset

enum class Plane : int { kOnset = 0, kVelocity = 1, kDuration = 2, kOffset = 3 };

// One onset cell, 8 bytes. Values are stored at a resolution finer than any MIDI file gives us:
// velocity exactly, duration and offset as 16-bit fixed point.
struct LoopNote {
  std::uint8_t row = 0;       // 0..kRows-1: pitch = lowest pitch of the range + row
  std::uint8_t step = 0;      // 0..kSteps-1
  std::uint8_t velocity = 0;  // 1..127
  std::uint8_t reserved = 0;
  std::uint16_t duration = 0;  // normalized duration in [0, 1] times 65535 (see duration.h)
  std::int16_t offset = 0;     // timing offset in [-1, 1) times 32768

  friend bool operator==(const LoopNote&, const LoopNote&) = default;
};
static_assert(sizeof(LoopNote) == 8);

}  // namespace melodyvae::loops
