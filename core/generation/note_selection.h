// Turning four decoded planes into loop notes (docs/design.md "Generation"): which cells become notes
// (monophonic or polyphonic selection within an onset-probability window) and what each note carries.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>

#include "core/loops/loop.h"

namespace melodyvae::generation {

// A 2-D latent rarely makes a cell certain: on the bundled melodies a trained model's onset probabilities
// at true onsets are mostly 0.1-0.4, and held-back loops' onsets are best recovered (F1) at p >= 0.125.
// At that threshold a decoded z gives 7-12 notes per 2 bars, like the training loops; at 0.5, silence.
inline constexpr float kDefaultThreshMin = 0.125f;
inline constexpr float kDefaultThreshMax = 1.0f;

struct SelectionSettings {
  float threshMin = kDefaultThreshMin;  // a cell can become a note when threshMin <= p(onset) <= threshMax
  float threshMax = kDefaultThreshMax;
  int maxVoices = 1;  // 1 = monophonic (the default); more = polyphonic, at most this many notes per step
  // Bit r set = row r may sound. Rows outside it are left out before the threshold window, so a scale
  // (music::rowMask) picks the most likely in-scale row, never a rest where an in-scale row qualifies.
  std::uint32_t allowedRows = kAllRows;

  static constexpr std::uint32_t kAllRows = (1u << loops::kRows) - 1;
};

// Throws std::invalid_argument naming the setting: thresholds outside [0, 1] or min > max, voices outside
// 1..24, no row allowed or a bit beyond row 23.
void validateSelection(const SelectionSettings& settings);

// The decoder's output for one loop: each plane [cells] = [24 rows * 32 steps] row-major.
struct DecodedPlanes {
  std::span<const float> onset;     // probabilities in [0, 1]
  std::span<const float> velocity;  // v / 127
  std::span<const float> duration;  // normalized duration in [0, 1]
  std::span<const float> offset;    // timing offset in [-1, 1]
};

// The note for one cell: velocity round(v * 127) clamped to 1..127, duration and offset as decoded.
loops::LoopNote noteAt(const DecodedPlanes& planes, int row, int step);

// Selects notes step by step: per step, the allowed rows whose onset probability lies in [threshMin,
// threshMax], highest probability first (ties: lower row first), at most maxVoices of them; none means a
// rest. Writes into `out` (cleared first), sorted by (step, row). Does not allocate once `out` has capacity
// for kCells notes.
void selectNotes(const DecodedPlanes& planes, const SelectionSettings& settings, loops::Loop& out);

}  // namespace melodyvae::generation
