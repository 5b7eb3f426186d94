// The four float planes of one batch, allocated once for the largest batch and refilled from the
// compact corpus for every step (no allocation per step).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/corpus/loop_corpus.h"
#include "core/vae/vae.h"

namespace melodyvae::training {

class BatchBuffer {
 public:
  explicit BatchBuffer(int maxBatch);

  // Expands the loops `indices` (at most maxBatch) and returns the batch pointing into this buffer.
  vae::PlaneBatch fill(const corpus::LoopCorpus& corpus, std::span<const std::size_t> indices);

 private:
  int maxBatch_;
  std::vector<float> planes_;  // [4, maxBatch, 768]
};

}  // namespace melodyvae::training
