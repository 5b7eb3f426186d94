// Octave shift and folding into the 24-row pitch range.
#include "core/loops/pitch_range.h"

#include <cstdlib>

#include "core/loops/loop.h"

namespace melodyvae::loops {

int chooseOctaveShift(std::span<const int> pitches, int lowestPitch) {
  const int highestPitch = lowestPitch + kRows - 1;
  int bestShift = 0;
  long bestCount = -1;
  // Shifts of up to 11 octaves either way reach every MIDI pitch; try them from the smallest |shift|
  // (0, -12, +12, -24, ...) so that a strictly better count is needed to move further.
  for (int magnitude = 0; magnitude <= 11; ++magnitude) {
    for (const int sign : {-1, 1}) {
      if (magnitude == 0 && sign == 1) continue;
      const int shift = sign * magnitude * 12;
      long count = 0;
      for (const int pitch : pitches) {
        const int shifted = pitch + shift;
        if (shifted >= lowestPitch && shifted <= highestPitch) ++count;
      }
      if (count > bestCount) {
        bestCount = count;
        bestShift = shift;
      }
    }
  }
  return bestShift;
}

int foldIntoRange(int pitch, int lowestPitch) {
  const int highestPitch = lowestPitch + kRows - 1;
  while (pitch < lowestPitch) pitch += 12;
  while (pitch > highestPitch) pitch -= 12;
  return pitch;
}

}  // namespace melodyvae::loops
