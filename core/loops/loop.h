// A 2-bar loop in MelodyVAE's representation (see docs/design.md): 24 pitch rows x 32 sixteenth steps,
// stored compactly as a list of cells that hold an onset, and expanded to four float planes on demand.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace melodyvae::loops {

inline constexpr int kRows = 24;   // pitch rows
inline constexpr int kSteps = 32;  // sixteenth steps: 2 bars of 4/4
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

  int cell() const { return int{row} * kSteps + int{step}; }
  friend bool operator==(const LoopNote&, const LoopNote&) = default;
};
static_assert(sizeof(LoopNote) == 8);

// A loop on its own (outside a corpus): its onset cells, sorted by (step, row), at most one per cell.
using Loop = std::vector<LoopNote>;

// Orders notes as loops store them: by step, then row.
inline bool stepThenRow(const LoopNote& a, const LoopNote& b) {
  return a.step != b.step ? a.step < b.step : a.row < b.row;
}

// Fixed-point codes of LoopNote. Out-of-range inputs are clamped, so any double gives a valid code.
inline std::uint16_t encodeNormalizedDuration(double normalized) {
  const double clamped = std::clamp(normalized, 0.0, 1.0);
  return static_cast<std::uint16_t>(std::lround(clamped * 65535.0));
}
inline double decodeNormalizedDuration(std::uint16_t code) {
  return code / 65535.0;
}

inline std::int16_t encodeOffset(double offset) {
  const long code = std::lround(offset * 32768.0);
  return static_cast<std::int16_t>(std::clamp(code, -32768L, 32767L));
}
inline double decodeOffset(std::int16_t code) {
  return code / 32768.0;
}

}  // namespace melodyvae::loops
