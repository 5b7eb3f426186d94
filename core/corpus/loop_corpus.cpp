// The compact loop store and its batch expansion.
#include "core/corpus/loop_corpus.h"

#include <algorithm>
#include <bitset>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/loops/expand.h"

namespace melodyvae::corpus {

LoopCorpus::LoopCorpus(int lowestPitch) : lowestPitch_(lowestPitch), starts_{0} {
  if (lowestPitch < 0 || lowestPitch > 127 - (loops::kRows - 1)) {
    throw std::invalid_argument("lowest pitch " + std::to_string(lowestPitch) + " is outside 0..104");
  }
}

std::span<const loops::LoopNote> LoopCorpus::loop(std::size_t index) const {
  if (index >= size()) {
    throw std::out_of_range("loop " + std::to_string(index) + " of a corpus of " + std::to_string(size()));
  }
  return std::span<const loops::LoopNote>(notes_).subspan(starts_[index],
                                                          starts_[index + 1] - starts_[index]);
}

std::uint32_t LoopCorpus::addFile(const std::filesystem::path& file) {
  files_.push_back(file);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

void LoopCorpus::add(std::span<const loops::LoopNote> notes, const LoopSource& source) {
  if (!files_.empty() && source.file >= files_.size()) {
    throw std::invalid_argument("loop source names file " + std::to_string(source.file) + " of " +
                                std::to_string(files_.size()));
  }
  if (notes_.size() + notes.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("loop corpus is full (more than 4 billion notes)");
  }
  std::bitset<loops::kCells> taken;
  for (const loops::LoopNote& note : notes) {
    if (note.row >= loops::kRows || note.step >= loops::kSteps || note.velocity == 0) {
      throw std::invalid_argument("loop note at row " + std::to_string(note.row) + ", step " +
                                  std::to_string(note.step) + ", velocity " + std::to_string(note.velocity) +
                                  " is outside the 24 x 32 grid or silent");
    }
    const auto cell = static_cast<std::size_t>(note.cell());
    if (taken.test(cell)) {
      throw std::invalid_argument("two loop notes share row " + std::to_string(note.row) + ", step " +
                                  std::to_string(note.step));
    }
    taken.set(cell);
  }
  const std::size_t first = notes_.size();
  notes_.insert(notes_.end(), notes.begin(), notes.end());
  std::sort(notes_.begin() + static_cast<std::ptrdiff_t>(first), notes_.end(), loops::stepThenRow);
  starts_.push_back(static_cast<std::uint32_t>(notes_.size()));
  sources_.push_back(source);
}

void LoopCorpus::append(const LoopCorpus& other) {
  if (other.lowestPitch_ != lowestPitch_) {
    throw std::invalid_argument("cannot join corpora with lowest pitches " + std::to_string(lowestPitch_) +
                                " and " + std::to_string(other.lowestPitch_));
  }
  if (notes_.size() + other.notes_.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("loop corpus is full (more than 4 billion notes)");
  }
  const auto fileBase = static_cast<std::uint32_t>(files_.size());
  const auto noteBase = static_cast<std::uint32_t>(notes_.size());
  files_.insert(files_.end(), other.files_.begin(), other.files_.end());
  notes_.insert(notes_.end(), other.notes_.begin(), other.notes_.end());
  for (std::size_t i = 1; i < other.starts_.size(); ++i) starts_.push_back(noteBase + other.starts_[i]);
  for (LoopSource source : other.sources_) {
    if (!other.files_.empty()) source.file += fileBase;
    sources_.push_back(source);
  }
}

void LoopCorpus::reserve(std::size_t loops, std::size_t notes) {
  notes_.reserve(notes);
  starts_.reserve(loops + 1);
  sources_.reserve(loops);
}

void LoopCorpus::clear() {
  notes_.clear();
  starts_.assign(1, 0);
  sources_.clear();
  files_.clear();
}

void LoopCorpus::expandBatch(std::span<const std::size_t> indices, float* onset, float* velocity,
                             float* duration, float* offset) const {
  const std::size_t values = indices.size() * loops::kCells;
  for (float* plane : {onset, velocity, duration, offset}) std::fill(plane, plane + values, 0.0f);
  for (std::size_t b = 0; b < indices.size(); ++b) {
    const std::size_t at = b * loops::kCells;
    loops::scatterLoop(loop(indices[b]), onset + at, velocity + at, duration + at, offset + at);
  }
}

std::size_t LoopCorpus::memoryBytes() const {
  return notes_.capacity() * sizeof(loops::LoopNote) + starts_.capacity() * sizeof(std::uint32_t) +
         sources_.capacity() * sizeof(LoopSource) + files_.capacity() * sizeof(std::filesystem::path);
}

}  // namespace melodyvae::corpus
