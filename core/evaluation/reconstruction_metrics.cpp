// Micro-averaged reconstruction counts and scores.
#include "core/evaluation/reconstruction_metrics.h"

#include <array>
#include <cmath>
#include <cstdlib>

#include "core/loops/duration.h"

namespace melodyvae::evaluation {
namespace {

double ratio(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

double harmonic(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

double durationSteps(const loops::LoopNote& note) {
  return loops::denormalizeDuration(loops::decodeNormalizedDuration(note.duration));
}

}  // namespace

void ReconstructionCounts::add(std::span<const loops::LoopNote> truth,
                               std::span<const loops::LoopNote> decoded) {
  ++windows;
  std::array<const loops::LoopNote*, loops::kCells> trueCells{};
  std::array<std::uint32_t, loops::kSteps> trueRows{};     // bit r: a true onset in row r at that step
  std::array<std::uint32_t, loops::kSteps> decodedRows{};  // the same for the decoded loop
  for (const loops::LoopNote& note : truth) {
    trueCells[note.cell()] = &note;
    trueRows[note.step] |= 1u << note.row;
  }
  std::int64_t hits = 0;
  for (const loops::LoopNote& note : decoded) {
    decodedRows[note.step] |= 1u << note.row;
    const loops::LoopNote* match = trueCells[note.cell()];
    if (match == nullptr) {
      ++cellFalseAlarms;
      continue;
    }
    ++hits;
    velocityError += std::abs(int{note.velocity} - int{match->velocity});
    durationError += std::abs(durationSteps(note) - durationSteps(*match));
    timingError += 0.5 * std::abs(loops::decodeOffset(note.offset) - loops::decodeOffset(match->offset));
  }
  cellHits += hits;
  cellMisses += static_cast<std::int64_t>(truth.size()) - hits;
  for (int step = 0; step < loops::kSteps; ++step) {
    const bool inTruth = trueRows[step] != 0, inDecoded = decodedRows[step] != 0;
    stepHits += inTruth && inDecoded;
    stepFalseAlarms += !inTruth && inDecoded;
    stepMisses += inTruth && !inDecoded;
    if (inTruth && inDecoded) {
      ++sharedSteps;
      rightPitchSteps += (trueRows[step] & decodedRows[step]) != 0;
    }
  }
}

ReconstructionScores scoresOf(const ReconstructionCounts& counts) {
  ReconstructionScores scores;
  scores.windows = counts.windows;
  scores.precision = ratio(counts.cellHits, counts.cellHits + counts.cellFalseAlarms);
  scores.recall = ratio(counts.cellHits, counts.cellHits + counts.cellMisses);
  scores.f1 = harmonic(scores.precision, scores.recall);
  scores.rhythmPrecision = ratio(counts.stepHits, counts.stepHits + counts.stepFalseAlarms);
  scores.rhythmRecall = ratio(counts.stepHits, counts.stepHits + counts.stepMisses);
  scores.rhythmF1 = harmonic(scores.rhythmPrecision, scores.rhythmRecall);
  scores.pitchAccuracy = ratio(counts.rightPitchSteps, counts.sharedSteps);
  scores.matchedCells = counts.cellHits;
  if (counts.cellHits > 0) {
    const double matched = static_cast<double>(counts.cellHits);
    scores.velocityMae = counts.velocityError / matched;
    scores.durationMae = counts.durationError / matched;
    scores.timingMae = counts.timingError / matched;
  }
  return scores;
}

}  // namespace melodyvae::evaluation
