// Fitting pitches into the 24 rows: a whole-octave shift per loop, chosen to keep as many notes as
// possible in range, then folding of the rest by octaves. The pitch class never changes.
#pragma once

#include <span>

namespace melodyvae::loops {

// The octave shift (a multiple of 12 semitones) that puts the most `pitches` inside
// [lowestPitch, lowestPitch + 23]. Ties go to the smallest |shift|, then to the downward shift.
// An empty list gives 0.
int chooseOctaveShift(std::span<const int> pitches, int lowestPitch);

// Folds `pitch` by whole octaves into [lowestPitch, lowestPitch + 23] (identity when already inside).
int foldIntoRange(int pitch, int lowestPitch);

}  // namespace melodyvae::loops
