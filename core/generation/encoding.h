// Encoding: a loop (or every 2-bar window of a MIDI clip) to its place in the latent space, the encoder's
// mean (deterministic, so the same clip always lands on the same point).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/loops/loop.h"
#include "core/midi/song.h"
#include "core/vae/vae.h"

namespace melodyvae::generation {

// Reusable buffers for encoding one loop at a time with one model.
class LoopEncoder {
 public:
  explicit LoopEncoder(vae::Vae& model);

  // The latent mean of `loop`.  // [latent], valid until the next call
  std::span<const float> encode(std::span<const loops::LoopNote> loop);

 private:
  vae::Vae& model_;
  std::vector<float> planes_;  // [4, cells]
  std::vector<float> mean_;    // [latent]
};

struct EncodedWindow {
  std::int64_t window = 0;  // 2-bar window index from the start of the song (bars 2w+1 and 2w+2)
  int onsets = 0;           // notes the loop holds
  std::vector<float> z;     // [latent]
};

// Every 2-bar window of `song` holding at least one note, fitted to the model's pitch range
// (lowestPitch), encoded in order. Empty when the song has no non-drum note.
std::vector<EncodedWindow> encodeSong(vae::Vae& model, const midi::Song& song, int lowestPitch);

}  // namespace melodyvae::generation
