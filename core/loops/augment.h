// Data augmentation by transposition: copies of a loop moved by a fourth, a fifth or an octave, kept only
// when every note stays inside the 24 rows without folding (folding would change the melody's shape).
#pragma once

#include <array>
#include <optional>
#include <span>

#include "core/loops/loop.h"

namespace melodyvae::loops {

inline constexpr std::array<int, 6> kAugmentTranspositions{-12, -7, -5, 5, 7, 12};  // semitones

// The loop moved by `semitones` rows, or nothing if some note would leave rows 0..23.
std::optional<Loop> transposeLoop(std::span<const LoopNote> loop, int semitones);

}  // namespace melodyvae::loops
