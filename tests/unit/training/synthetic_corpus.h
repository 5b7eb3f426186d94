// A small synthetic corpus for training tests: simple melodic loops (scales and arpeggios at varying
// pitch, velocity and rhythm), made from a seed with no file I/O.
#pragma once

#include <cstdint>

#include "core/corpus/loop_corpus.h"
#include "core/vae/model_shape.h"

namespace melodyvae::training {

inline corpus::LoopCorpus syntheticCorpus(std::size_t loops, std::uint32_t seed = 1) {
  corpus::LoopCorpus corpus(48);
  std::uint32_t state = seed;
  const auto next = [&state](std::uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  for (std::size_t i = 0; i < loops; ++i) {
    loops::Loop loop;
    const int root = static_cast<int>(next(12));
    const int stride = 1 + static_cast<int>(next(4));  // notes every 1..4 steps
    const int interval = 1 + static_cast<int>(next(4));
    for (int step = 0, k = 0; step < loops::kSteps; step += stride, ++k) {
      loops::LoopNote note;
      note.row = static_cast<std::uint8_t>((root + k * interval) % loops::kRows);
      note.step = static_cast<std::uint8_t>(step);
      note.velocity = static_cast<std::uint8_t>(70 + next(50));
      note.duration = loops::encodeNormalizedDuration(0.2 + 0.1 * stride);
      note.offset = loops::encodeOffset((static_cast<int>(next(21)) - 10) / 40.0);
      loop.push_back(note);
    }
    corpus.add(loop);
  }
  return corpus;
}

inline vae::ModelShape tinyShape() {
  vae::ModelShape shape;
  shape.planeHidden = 8;
  shape.mergeHidden = 8;
  shape.decoderHidden = 16;
  shape.branchHidden = 8;
  return shape;
}

}  // namespace melodyvae::training
