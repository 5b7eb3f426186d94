// Expanding a compact loop into the four float planes the network sees (see docs/design.md "Data").
#pragma once

#include <span>

#include "core/loops/loop.h"

namespace melodyvae::loops {

// Overwrites all four planes, each [24 * 32] row-major (cell = row * 32 + step): onset 1 where a note
// starts, velocity v / 127, normalized duration, timing offset in [-1, 1); 0 in cells without an onset.
// The notes must have row < 24 and step < 32 (as every Loop and LoopCorpus loop has).
void expandLoop(std::span<const LoopNote> loop, float* onset, float* velocity, float* duration,
                float* offset);  // each [768]

// Writes one loop's values into planes that are already zero (used by batch expansion after one memset).
void scatterLoop(std::span<const LoopNote> loop, float* onset, float* velocity, float* duration,
                 float* offset);  // each [768], zero on entry

}  // namespace melodyvae::loops
