// Encoding and decoding held-out loops, and the two baselines.
#include "core/evaluation/reconstruction.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "core/generation/encoding.h"
#include "core/generation/generator.h"

namespace melodyvae::evaluation {

loops::Loop frequentCellsLoop(const corpus::LoopCorpus& training) {
  std::array<std::int64_t, loops::kCells> count{};
  std::array<double, loops::kCells> velocity{}, duration{}, offset{};
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < training.size(); ++i) {
    if (training.source(i).transposition != 0) continue;
    const std::span<const loops::LoopNote> loop = training.loop(i);
    sizes.push_back(loop.size());
    for (const loops::LoopNote& note : loop) {
      ++count[note.cell()];
      velocity[note.cell()] += note.velocity;
      duration[note.cell()] += loops::decodeNormalizedDuration(note.duration);
      offset[note.cell()] += loops::decodeOffset(note.offset);
    }
  }
  if (sizes.empty()) return {};
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
  const std::size_t wanted = sizes[sizes.size() / 2];
  std::vector<int> cells(loops::kCells);
  std::iota(cells.begin(), cells.end(), 0);
  // Falling count; ties by step, then row (cell = row * steps + step).
  std::stable_sort(cells.begin(), cells.end(), [&count](int a, int b) {
    if (count[a] != count[b]) return count[a] > count[b];
    const int stepA = a % loops::kSteps, stepB = b % loops::kSteps;
    return stepA != stepB ? stepA < stepB : a < b;
  });
  loops::Loop out;
  std::array<bool, loops::kSteps> taken{};
  for (const int cell : cells) {
    if (out.size() == wanted || count[cell] == 0) break;
    const int step = cell % loops::kSteps;
    if (taken[step]) continue;
    taken[step] = true;
    const double n = static_cast<double>(count[cell]);
    loops::LoopNote note;
    note.row = static_cast<std::uint8_t>(cell / loops::kSteps);
    note.step = static_cast<std::uint8_t>(step);
    note.velocity = static_cast<std::uint8_t>(std::clamp(std::lround(velocity[cell] / n), 1L, 127L));
    note.duration = loops::encodeNormalizedDuration(duration[cell] / n);
    note.offset = loops::encodeOffset(offset[cell] / n);
    out.push_back(note);
  }
  std::sort(out.begin(), out.end(), loops::stepThenRow);
  return out;
}

ReconstructionReport evaluateReconstruction(vae::Vae& model, const corpus::LoopCorpus& heldOut,
                                            const corpus::LoopCorpus* training,
                                            const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<std::size_t> windows;
  for (std::size_t i = 0; i < heldOut.size(); ++i) {
    if (heldOut.source(i).transposition == 0) windows.push_back(i);
  }
  if (windows.empty()) throw std::invalid_argument("there is no held-out loop to evaluate");
  generation::LoopEncoder encoder(model);
  generation::Generator generator(model);
  const generation::GenerationSettings defaults;  // monophonic, thresholds 0.125..1, noise 0
  vae::RandomNoise unused(0);                     // noise 0: nothing is drawn

  loops::Loop decoded, atZero;
  const std::vector<float> zero(static_cast<std::size_t>(model.shape().latent), 0.0f);
  generator.generate(zero, defaults, unused, atZero);
  const bool withFrequent = training != nullptr;
  const loops::Loop frequent = withFrequent ? frequentCellsLoop(*training) : loops::Loop{};

  ReconstructionCounts modelCounts, zeroCounts, frequentCounts;
  for (std::size_t done = 0; done < windows.size(); ++done) {
    const std::span<const loops::LoopNote> truth = heldOut.loop(windows[done]);
    const std::span<const float> mean = encoder.encode(truth);
    const std::vector<float> z(mean.begin(), mean.end());  // the generator reuses the model's buffers
    generator.generate(z, defaults, unused, decoded);
    modelCounts.add(truth, decoded);
    zeroCounts.add(truth, atZero);
    if (withFrequent) frequentCounts.add(truth, frequent);
    if (progress) progress(done + 1, windows.size());
  }
  ReconstructionReport report;
  report.model = scoresOf(modelCounts);
  report.zeroZ = scoresOf(zeroCounts);
  if (withFrequent) report.frequentCells = scoresOf(frequentCounts);
  return report;
}

}  // namespace melodyvae::evaluation
