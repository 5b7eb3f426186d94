// Loop and song encoding through the model's eval-mode encoder.
#include "core/generation/encoding.h"

#include "core/loops/expand.h"
#include "core/loops/loop_extractor.h"

namespace melodyvae::generation {

LoopEncoder::LoopEncoder(vae::Vae& model)
    : model_(model),
      planes_(4 * static_cast<std::size_t>(model.shape().cells)),
      mean_(static_cast<std::size_t>(model.shape().latent)) {
  model_.reserve(1);
}

std::span<const float> LoopEncoder::encode(std::span<const loops::LoopNote> loop) {
  const std::size_t cells = static_cast<std::size_t>(model_.shape().cells);
  float* base = planes_.data();
  loops::expandLoop(loop, base, base + cells, base + 2 * cells, base + 3 * cells);
  vae::PlaneBatch batch;
  batch.size = 1;
  batch.planes = {base, base + cells, base + 2 * cells, base + 3 * cells};
  model_.encodeMean(batch, mean_.data());
  return mean_;
}

std::vector<EncodedWindow> encodeSong(vae::Vae& model, const midi::Song& song, int lowestPitch) {
  loops::LoopConfig config;
  config.lowestPitch = lowestPitch;
  config.minOnsets = 0;  // a clip to encode counts even with a single note
  const loops::Extraction extraction = loops::extractLoops(song, config);
  LoopEncoder encoder(model);
  std::vector<EncodedWindow> windows;
  for (const loops::ExtractedLoop& loop : extraction.loops) {
    const std::span<const float> z = encoder.encode(loop.notes);
    windows.push_back({loop.window, static_cast<int>(loop.notes.size()), {z.begin(), z.end()}});
  }
  return windows;
}

}  // namespace melodyvae::generation
