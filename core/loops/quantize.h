// Quantizing a tick to the sixteenth-note grid in exact integer arithmetic, so that any division (PPQ),
// including ones not divisible by 4 (96, 120, 25...), gives the same answer on every machine.
#pragma once

#include <cstdint>

namespace melodyvae::loops {

struct GridPosition {
  std::int64_t step = 0;  // sixteenth step counted from the start of the file
  double offset = 0.0;    // (t - step * s) / (s / 2) with s = PPQ / 4 ticks per step: in [-1, 1)
};

// step = round(4 t / PPQ), halves rounded up, computed as floor((8 t + PPQ) / (2 PPQ)); t >= 0, PPQ > 0.
// A tick exactly between two steps goes to the later step with offset -1.
inline GridPosition quantizeTick(std::int64_t tick, int ticksPerQuarter) {
  const std::int64_t ppq = ticksPerQuarter;
  const std::int64_t numerator = 8 * tick + ppq;
  std::int64_t step = numerator / (2 * ppq);
  if (numerator % (2 * ppq) != 0 && numerator < 0) --step;  // floor for (invalid) negative ticks
  const std::int64_t remainder = 4 * tick - step * ppq;     // in [-PPQ/2, PPQ/2), in quarter-ticks
  return {step, 2.0 * static_cast<double>(remainder) / static_cast<double>(ppq)};
}

// A length in ticks as sixteenth steps (fractional).
inline double ticksToSteps(std::int64_t ticks, int ticksPerQuarter) {
  return 4.0 * static_cast<double>(ticks) / static_cast<double>(ticksPerQuarter);
}

}  // namespace melodyvae::loops
