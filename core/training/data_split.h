// Seeded, platform-independent shuffling and the train/validation split of a corpus's loop indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace melodyvae::training {

// std::shuffle and std::uniform_int_distribution differ between standard libraries; this does not.
class Shuffler {
 public:
  explicit Shuffler(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, bound), unbiased (rejection); bound >= 1.
  std::uint64_t below(std::uint64_t bound);
  // Fisher-Yates.
  void shuffle(std::span<std::size_t> values);

 private:
  std::mt19937_64 engine_;
};

struct DataSplit {
  std::vector<std::size_t> train;       // loop indices
  std::vector<std::size_t> validation;  // loop indices
};

// Loops held out for validation: round(split * loops), raised to one batch when split > 0; 0 when split
// is 0.
std::size_t validationCount(std::size_t loops, double split, int batchSize);

// A random split of loops 0..loops-1. Throws TooLittleDataError (with advice) when the training part
// cannot fill one batch.
DataSplit splitLoops(std::size_t loops, double split, int batchSize, Shuffler& shuffler);

// Independent seeds for the parts of training, derived from the one the musician gives (SplitMix64).
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

}  // namespace melodyvae::training
