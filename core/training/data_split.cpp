// Train/validation split and seeded shuffling.
#include "core/training/data_split.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/training/training_error.h"

namespace melodyvae::training {

std::uint64_t Shuffler::below(std::uint64_t bound) {
  // Reject the lowest (2^64 mod bound) draws so that every residue is equally likely.
  const std::uint64_t threshold = (0 - bound) % bound;
  std::uint64_t draw = engine_();
  while (draw < threshold) draw = engine_();
  return draw % bound;
}

void Shuffler::shuffle(std::span<std::size_t> values) {
  for (std::size_t i = values.size(); i > 1; --i) {
    std::swap(values[i - 1], values[below(i)]);
  }
}

std::size_t validationCount(std::size_t loops, double split, int batchSize) {
  if (split <= 0.0) return 0;
  const auto share = static_cast<std::size_t>(std::llround(split * static_cast<double>(loops)));
  return std::max(share, static_cast<std::size_t>(batchSize));
}

DataSplit splitLoops(std::size_t loops, double split, int batchSize, Shuffler& shuffler) {
  const std::size_t held = validationCount(loops, split, batchSize);
  const auto batch = static_cast<std::size_t>(batchSize);
  if (loops < held + batch) {
    throw TooLittleDataError(
        std::to_string(loops) + " loop" + (loops == 1 ? "" : "s") + " are too few to train: batch size " +
        std::to_string(batchSize) +
        (held > 0 ? " with a validation split of " + std::to_string(held) + " loops (at least one batch)"
                  : "") +
        " needs at least " + std::to_string(held + batch) +
        ". Add more MIDI files, use augmentation, or lower the batch size or the validation split.");
  }
  std::vector<std::size_t> order(loops);
  for (std::size_t i = 0; i < loops; ++i) order[i] = i;
  shuffler.shuffle(order);
  DataSplit result;
  result.validation.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(held));
  result.train.assign(order.begin() + static_cast<std::ptrdiff_t>(held), order.end());
  return result;
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace melodyvae::training
