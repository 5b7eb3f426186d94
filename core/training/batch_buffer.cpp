// Batch expansion into preallocated planes.
#include "core/training/batch_buffer.h"

#include <stdexcept>

#include "core/loops/loop.h"

namespace melodyvae::training {

BatchBuffer::BatchBuffer(int maxBatch)
    : maxBatch_(maxBatch), planes_(4 * static_cast<std::size_t>(maxBatch) * loops::kCells) {}

vae::PlaneBatch BatchBuffer::fill(const corpus::LoopCorpus& corpus, std::span<const std::size_t> indices) {
  if (indices.size() > static_cast<std::size_t>(maxBatch_)) {
    throw std::invalid_argument("batch of " + std::to_string(indices.size()) +
                                " loops exceeds the buffer's " + std::to_string(maxBatch_));
  }
  const std::size_t plane = static_cast<std::size_t>(maxBatch_) * loops::kCells;
  float* base = planes_.data();
  corpus.expandBatch(indices, base, base + plane, base + 2 * plane, base + 3 * plane);
  vae::PlaneBatch batch;
  batch.size = static_cast<int>(indices.size());
  batch.planes = {base, base + plane, base + 2 * plane, base + 3 * plane};
  return batch;
}

}  // namespace melodyvae::training
