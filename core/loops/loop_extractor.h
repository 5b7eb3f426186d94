// Cutting a song into 2-bar loops: quantize every non-drum note to the sixteenth grid in ticks, cut the
// grid into 32-step windows from the start of the file, fit each window's pitches into the 24 rows, and
// keep the windows with enough onsets. The rules are those of docs/design.md "Data".
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/loops/loop.h"
#include "core/midi/song.h"

namespace melodyvae::loops {

inline constexpr int kDrumChannel = 9;  // General MIDI drums: "channel 10" to people, index 9 in the file

struct LoopConfig {
  int lowestPitch = 48;  // rows cover lowestPitch .. lowestPitch + 23 (default C3..B4); 0..104
  // A window is kept when its onset count (distinct cells, after merging) is STRICTLY greater than this:
  // with the default 5, a loop needs at least 6 onsets, as the original device (`onsets > 5`).
  int minOnsets = 5;
  int hopSteps = 32;  // distance between window starts, 1..32; 32 = disjoint windows, 16 = half overlap

  friend bool operator==(const LoopConfig&, const LoopConfig&) = default;
};

// Throws std::invalid_argument naming the field when a value is outside the range given above.
void validateLoopConfig(const LoopConfig& config);

struct ExtractedLoop {
  std::int64_t window = 0;     // window index k: it covers steps [k * hop, k * hop + 32) of the file
  std::int64_t firstTick = 0;  // tick of the window's step 0: k * hop * PPQ / 4, rounded down
  int octaveShift = 0;         // semitones (a multiple of 12) added to every pitch before folding
  int foldedNotes = 0;         // notes still outside the range after the shift, folded by octaves
  int mergedNotes = 0;         // notes dropped because another note of the window took their cell
  Loop notes;                  // sorted by (step, row), one per cell
};

struct DroppedWindow {
  std::int64_t window = 0;
  int onsets = 0;  // distinct cells the window would have had
};

// What one song gave. A window is either kept (loops), dropped for too few onsets (listed with its onset
// count) or dropped as empty (only counted, since a file's end-of-track can lie very far away).
struct Extraction {
  std::vector<ExtractedLoop> loops;         // kept, in window order
  std::vector<DroppedWindow> tooFewOnsets;  // dropped for too few onsets, in window order
  // Windows from the start of the file to its last step (the later of its last event and last onset):
  // window 0 and every later window that reaches a step no earlier window covers.
  std::int64_t windowCount = 0;
  std::int64_t emptyWindows = 0;  // windows with no onset: windowCount - kept - tooFewOnsets
  std::size_t drumNotes = 0;      // notes on channel index 9, skipped
  std::size_t notesUsed = 0;      // non-drum notes (each counted once even if windows overlap)
};

// Cuts `song` into loops. Cell collisions (two notes on the same row and step, e.g. two octaves folded
// together or an overlapping repeat) keep the louder note, then the longer, then the earlier, then the
// lower original pitch. Zero-length notes count as onsets with the shortest duration (normalized 0).
// Throws std::invalid_argument for an invalid config or a song whose ticksPerQuarter is 0.
Extraction extractLoops(const midi::Song& song, const LoopConfig& config = {});

}  // namespace melodyvae::loops
