// All training loops in one compact store: every loop's notes in one flat array of 8-byte LoopNotes plus
// an offset per loop, expanded to float planes only for the batch in hand. 100,000 loops of ~10 notes
// take about 10 MB. Also remembers where each loop came from (file and window) for reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "core/loops/loop.h"

namespace melodyvae::corpus {

// Where a loop came from: a file registered with LoopCorpus::addFile, the window index within it
// (see loops::ExtractedLoop::window) and the augmentation transposition (0 = as in the file).
struct LoopSource {
  std::uint32_t file = 0;
  std::uint32_t window = 0;
  std::int8_t transposition = 0;  // semitones
};

class LoopCorpus {
 public:
  // `lowestPitch` is the pitch of row 0 of every loop held (the representation's pitch range).
  explicit LoopCorpus(int lowestPitch = 48);

  int lowestPitch() const { return lowestPitch_; }
  std::size_t size() const { return sources_.size(); }  // loops
  bool empty() const { return sources_.empty(); }
  std::size_t noteCount() const { return notes_.size(); }

  // The notes of loop `index` (< size()), sorted by (step, row). Valid until the corpus changes.
  std::span<const loops::LoopNote> loop(std::size_t index) const;
  const LoopSource& source(std::size_t index) const { return sources_.at(index); }

  // Files loops may refer to; returns the index to put in LoopSource::file.
  std::uint32_t addFile(const std::filesystem::path& file);
  std::size_t fileCount() const { return files_.size(); }
  const std::filesystem::path& file(std::uint32_t index) const { return files_.at(index); }

  // Appends a loop (copied). Throws std::invalid_argument if a note has row >= 24, step >= 32 or
  // velocity 0, if two notes share a cell, or if source.file was not registered (when files exist).
  // Notes are stored sorted by (step, row) whatever order they come in.
  void add(std::span<const loops::LoopNote> notes, const LoopSource& source = {});
  // Appends every loop of `other` (same lowest pitch required), re-numbering its files after ours.
  void append(const LoopCorpus& other);
  void reserve(std::size_t loops, std::size_t notes);
  void clear();

  // Expands the loops `indices` (each < size(), repeats allowed) into four planes, each
  // [indices.size(), 768] row-major: onset, velocity, duration, timing offset (see loops/expand.h).
  void expandBatch(std::span<const std::size_t> indices, float* onset, float* velocity, float* duration,
                   float* offset) const;

  // Bytes held by the loop store (notes, offsets, sources), not counting file names.
  std::size_t memoryBytes() const;

 private:
  int lowestPitch_;
  std::vector<loops::LoopNote> notes_;  // all loops' notes, loop after loop
  std::vector<std::uint32_t> starts_;   // [size() + 1]: loop i is notes_[starts_[i], starts_[i + 1])
  std::vector<LoopSource> sources_;     // [size()]
  std::vector<std::filesystem::path> files_;
};

}  // namespace melodyvae::corpus
