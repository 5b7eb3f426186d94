// Transposed copies of a loop for augmentation.
#include "core/loops/augment.h"

namespace melodyvae::loops {

std::optional<Loop> transposeLoop(std::span<const LoopNote> loop, int semitones) {
  Loop moved(loop.begin(), loop.end());
  for (LoopNote& note : moved) {
    const int row = int{note.row} + semitones;
    if (row < 0 || row >= kRows) return std::nullopt;
    note.row = static_cast<std::uint8_t>(row);
  }
  return moved;  // (step, row) order survives a uniform row shift
}

}  // namespace melodyvae::loops
