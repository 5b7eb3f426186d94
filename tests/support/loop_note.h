// A loop note from musician's units (row, step, length in sixteenth steps), for tests that build loops by
// hand.
#pragma once

#include "core/loops/duration.h"
#include "core/loops/loop.h"

namespace melodyvae::test_support {

inline loops::LoopNote loopNote(int row, int step, double steps = 2.0, int velocity = 100,
                                double offset = 0.0) {
  loops::LoopNote note;
  note.row = static_cast<std::uint8_t>(row);
  note.step = static_cast<std::uint8_t>(step);
  note.velocity = static_cast<std::uint8_t>(velocity);
  note.duration = loops::encodeNormalizedDuration(loops::normalizeDuration(steps));
  note.offset = loops::encodeOffset(offset);
  return note;
}

}  // namespace melodyvae::test_support
