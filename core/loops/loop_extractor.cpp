// Song -> 2-bar loops: grid quantization, windowing, pitch fitting, cell merging and the onset threshold.
#include "core/loops/loop_extractor.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/loops/duration.h"
#include "core/loops/pitch_range.h"
#include "core/loops/quantize.h"

namespace melodyvae::loops {
namespace {

// A non-drum note placed on the file's global grid.
struct GridNote {
  std::int64_t step = 0;  // global sixteenth step
  double offset = 0.0;    // [-1, 1)
  std::int64_t startTick = 0;
  int pitch = 0;
  int velocity = 0;
  std::uint16_t duration = 0;  // normalized duration code
};

// True when `a` should win a cell over `b`: louder, then longer, then earlier, then lower pitch.
bool winsCell(const GridNote& a, const GridNote& b) {
  return std::make_tuple(a.velocity, a.duration, -a.startTick, -a.pitch) >
         std::make_tuple(b.velocity, b.duration, -b.startTick, -b.pitch);
}

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) {
  return a <= 0 ? 0 : (a + b - 1) / b;
}

// Builds the loop of window `window` from its notes; returns the loop (possibly too short).
ExtractedLoop buildLoop(std::span<const GridNote> notes, std::int64_t window, std::int64_t firstStep,
                        int lowestPitch, int ticksPerQuarter) {
  ExtractedLoop loop;
  loop.window = window;
  loop.firstTick = firstStep * ticksPerQuarter / kStepsPerQuarter;
  std::vector<int> pitches;
  pitches.reserve(notes.size());
  for (const GridNote& note : notes) pitches.push_back(note.pitch);
  loop.octaveShift = chooseOctaveShift(pitches, lowestPitch);

  std::vector<const GridNote*> cellOwner(kCells, nullptr);
  for (const GridNote& note : notes) {
    const int shifted = note.pitch + loop.octaveShift;
    const int pitch = foldIntoRange(shifted, lowestPitch);
    if (pitch != shifted) ++loop.foldedNotes;
    const int row = pitch - lowestPitch;
    const int step = static_cast<int>(note.step - firstStep);
    const GridNote*& owner = cellOwner[static_cast<std::size_t>(row * kSteps + step)];
    if (owner != nullptr) ++loop.mergedNotes;
    if (owner == nullptr || winsCell(note, *owner)) owner = &note;
  }
  for (int cell = 0; cell < kCells; ++cell) {
    const GridNote* note = cellOwner[static_cast<std::size_t>(cell)];
    if (note == nullptr) continue;
    LoopNote loopNote;
    loopNote.row = static_cast<std::uint8_t>(cell / kSteps);
    loopNote.step = static_cast<std::uint8_t>(cell % kSteps);
    loopNote.velocity = static_cast<std::uint8_t>(std::clamp(note->velocity, 1, 127));
    loopNote.duration = note->duration;
    loopNote.offset = encodeOffset(note->offset);
    loop.notes.push_back(loopNote);
  }
  std::sort(loop.notes.begin(), loop.notes.end(), stepThenRow);
  return loop;
}

}  // namespace

void validateLoopConfig(const LoopConfig& config) {
  if (config.lowestPitch < 0 || config.lowestPitch > 127 - (kRows - 1)) {
    throw std::invalid_argument("lowest pitch " + std::to_string(config.lowestPitch) +
                                " is outside 0..104 (the 24 rows must stay within MIDI 0..127)");
  }
  if (config.minOnsets < 0 || config.minOnsets >= kCells) {
    throw std::invalid_argument("minimum onsets " + std::to_string(config.minOnsets) + " is outside 0..767");
  }
  if (config.hopSteps < 1 || config.hopSteps > kSteps) {
    throw std::invalid_argument("hop " + std::to_string(config.hopSteps) + " steps is outside 1..32");
  }
}

Extraction extractLoops(const midi::Song& song, const LoopConfig& config) {
  validateLoopConfig(config);
  if (song.ticksPerQuarter == 0) throw std::invalid_argument("song has a division of 0 ticks per quarter");
  const int ppq = song.ticksPerQuarter;

  Extraction result;
  std::vector<GridNote> gridNotes;
  gridNotes.reserve(song.notes.size());
  for (const midi::Note& note : song.notes) {
    if (note.channel == kDrumChannel) {
      ++result.drumNotes;
      continue;
    }
    const std::int64_t start = std::max<std::int64_t>(note.startTick, 0);
    const GridPosition position = quantizeTick(start, ppq);
    GridNote gridNote;
    gridNote.step = position.step;
    gridNote.offset = position.offset;
    gridNote.startTick = start;
    gridNote.pitch = note.pitch;
    gridNote.velocity = note.velocity;
    gridNote.duration = encodeNormalizedDuration(
        normalizeDuration(ticksToSteps(std::max<std::int64_t>(note.endTick - start, 0), ppq)));
    gridNotes.push_back(gridNote);
  }
  result.notesUsed = gridNotes.size();
  std::stable_sort(gridNotes.begin(), gridNotes.end(),
                   [](const GridNote& a, const GridNote& b) { return a.step < b.step; });

  // The file spans its last event or its last onset, whichever is later (a note may round up past the end).
  std::int64_t totalSteps = ceilDiv(4 * std::max<std::int64_t>(song.endTick, 0), ppq);
  if (!gridNotes.empty()) totalSteps = std::max(totalSteps, gridNotes.back().step + 1);
  const std::int64_t hop = config.hopSteps;
  // Window 0, then every window that reaches a step no earlier window covered.
  result.windowCount = totalSteps <= 0 ? 0 : 1 + ceilDiv(totalSteps - kSteps, hop);

  // Only windows holding notes are visited, so far-away end-of-track events cost nothing.
  std::int64_t nonEmpty = 0;
  std::int64_t window = 0;
  while (window < result.windowCount) {
    const std::int64_t firstStep = window * hop;
    auto begin = std::lower_bound(gridNotes.begin(), gridNotes.end(), firstStep,
                                  [](const GridNote& n, std::int64_t s) { return n.step < s; });
    if (begin == gridNotes.end()) break;
    if (begin->step >= firstStep + kSteps) {  // skip to the first window holding this note
      window = std::max(window + 1, (begin->step - kSteps) / hop + 1);
      continue;  // the loop condition stops at windows past the last one
    }
    auto end = std::lower_bound(begin, gridNotes.end(), firstStep + kSteps,
                                [](const GridNote& n, std::int64_t s) { return n.step < s; });
    ++nonEmpty;
    ExtractedLoop loop = buildLoop(std::span<const GridNote>(&*begin, static_cast<std::size_t>(end - begin)),
                                   window, firstStep, config.lowestPitch, ppq);
    const int onsets = static_cast<int>(loop.notes.size());
    if (onsets > config.minOnsets) {
      result.loops.push_back(std::move(loop));
    } else {
      result.tooFewOnsets.push_back({window, onsets});
    }
    ++window;
  }
  result.emptyWindows = result.windowCount - nonEmpty;
  return result;
}

}  // namespace melodyvae::loops
