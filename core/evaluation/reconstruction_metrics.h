// How well a decoded loop reproduces the true one, counted over many 2-bar windows and summed before any
// ratio is taken (micro-average), so a window with many notes weighs more than one with few.
#pragma once

#include <cstdint>
#include <span>

#include "core/loops/loop.h"

namespace melodyvae::evaluation {

struct ReconstructionCounts {
  std::int64_t windows = 0;
  // Onsets over (step, row) cells.
  std::int64_t cellHits = 0, cellFalseAlarms = 0, cellMisses = 0;
  // Onsets over steps alone (a step "has an onset" when any row has one): rhythm.
  std::int64_t stepHits = 0, stepFalseAlarms = 0, stepMisses = 0;
  // Steps where both have an onset, and of those the ones where a decoded row is one of the true rows.
  std::int64_t sharedSteps = 0, rightPitchSteps = 0;
  // Over the cells both have (cellHits): summed absolute errors.
  double velocityError = 0;  // MIDI velocity units
  double durationError = 0;  // sixteenth steps
  double timingError = 0;    // sixteenth steps (an offset of 1 is half a step)

  // Adds one window: `truth` and `decoded` each sorted by (step, row), at most one note per cell.
  void add(std::span<const loops::LoopNote> truth, std::span<const loops::LoopNote> decoded);
};

struct ReconstructionScores {
  std::int64_t windows = 0;
  double precision = 0, recall = 0, f1 = 0;  // onset cells; 0 when undefined (nothing decoded or true)
  double rhythmPrecision = 0, rhythmRecall = 0, rhythmF1 = 0;  // steps alone
  double pitchAccuracy = 0;                                    // rightPitchSteps / sharedSteps
  double velocityMae = 0, durationMae = 0, timingMae = 0;      // per matched cell, units as above
  std::int64_t matchedCells = 0;                               // cellHits: what the errors average over
};

ReconstructionScores scoresOf(const ReconstructionCounts& counts);

}  // namespace melodyvae::evaluation
