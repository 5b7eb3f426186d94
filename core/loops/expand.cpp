// Loop -> onset, velocity, duration and offset planes.
#include "core/loops/expand.h"

#include <algorithm>

#include "core/loops/duration.h"

namespace melodyvae::loops {

void scatterLoop(std::span<const LoopNote> loop, float* onset, float* velocity, float* duration,
                 float* offset) {
  for (const LoopNote& note : loop) {
    const int cell = note.cell();
    onset[cell] = 1.0f;
    velocity[cell] = velocityPlaneValue(note.velocity);
    duration[cell] = static_cast<float>(decodeNormalizedDuration(note.duration));
    offset[cell] = static_cast<float>(decodeOffset(note.offset));
  }
}

void expandLoop(std::span<const LoopNote> loop, float* onset, float* velocity, float* duration,
                float* offset) {
  for (float* plane : {onset, velocity, duration, offset}) std::fill(plane, plane + kCells, 0.0f);
  scatterLoop(loop, onset, velocity, duration, offset);
}

}  // namespace melodyvae::loops
