// `melodyvae evaluate`'s reconstruction test: every held-out 2-bar loop encoded to its latent mean and
// decoded monophonically with the default thresholds and no noise, scored against the loop itself, beside
// two baselines on the same loops: decoding z = 0 for every loop, and one fixed loop of the training
// data's most frequent cells.
#pragma once

#include <functional>
#include <optional>

#include "core/corpus/loop_corpus.h"
#include "core/evaluation/reconstruction_metrics.h"
#include "core/vae/vae.h"

namespace melodyvae::evaluation {

struct ReconstructionReport {
  ReconstructionScores model;                         // encode to the mean, decode
  ReconstructionScores zeroZ;                         // decode z = 0, whatever the loop
  std::optional<ReconstructionScores> frequentCells;  // the training data's most frequent cells
};

// The "most frequent cells" loop of `training` (transposed copies left out): as many notes as the median
// loop holds, taken cell by cell in falling order of how many loops have an onset there (ties: earlier
// step, then lower row), at most one per step; each note carries that cell's mean velocity, normalized
// duration and offset. Empty for an empty corpus.
loops::Loop frequentCellsLoop(const corpus::LoopCorpus& training);

// Scores every loop of `heldOut` (transposed copies left out). `training` (optional) gives the
// frequent-cells baseline. `progress(done, total)` is called after each loop. Throws
// std::invalid_argument when heldOut holds no loop.
ReconstructionReport evaluateReconstruction(
    vae::Vae& model, const corpus::LoopCorpus& heldOut, const corpus::LoopCorpus* training,
    const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace melodyvae::evaluation
