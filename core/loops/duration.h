// The duration scale of the duration plane: logarithmic in sixteenth steps, so that a 32nd note (0.5 step)
// maps to 0 and two bars (32 steps) to 1, a range a sigmoid output can express (see docs/design.md).
#pragma once

#include <algorithm>
#include <cmath>

namespace melodyvae::loops {

inline constexpr double kShortestDurationSteps = 0.5;                                     // a 32nd note
inline constexpr double kLongestDurationSteps = 32.0;                                     // two bars of 4/4
inline constexpr double kDurationRange = kLongestDurationSteps / kShortestDurationSteps;  // 64

// Steps (sixteenths, may be fractional) -> [0, 1]: log(steps / 0.5) / log(64), clamped. Zero or negative
// lengths (zero-length notes) map to 0, lengths beyond two bars to 1.
inline double normalizeDuration(double steps) {
  if (!(steps > kShortestDurationSteps)) return 0.0;  // also catches NaN
  return std::clamp(std::log(steps / kShortestDurationSteps) / std::log(kDurationRange), 0.0, 1.0);
}

// [0, 1] -> steps in [0.5, 32]; inputs outside [0, 1] are clamped first.
inline double denormalizeDuration(double normalized) {
  return kShortestDurationSteps * std::pow(kDurationRange, std::clamp(normalized, 0.0, 1.0));
}

// Velocity plane value of a MIDI velocity.
inline float velocityPlaneValue(int velocity) {
  return static_cast<float>(velocity) / 127.0f;
}

}  // namespace melodyvae::loops
