// Generating one loop from a point of the latent space: decode z (plus optional noise), select notes, and
// render them as a MIDI song. The decode-and-select path is real-time safe after construction.
#pragma once

#include <span>
#include <vector>

#include "core/generation/note_selection.h"
#include "core/loops/loop.h"
#include "core/midi/song.h"
#include "core/vae/noise_source.h"
#include "core/vae/vae.h"

namespace melodyvae::generation {

struct GenerationSettings {
  SelectionSettings selection;
  float noise = 0.0f;  // standard deviation of the N(0, noise) added to each z coordinate; >= 0
};

// Throws std::invalid_argument naming the setting (see validateSelection; noise must be finite and >= 0).
void validateGeneration(const GenerationSettings& settings);

// Decodes and selects with one model. Holds a reference to `model`, which must outlive it; not thread-safe
// (it shares the model's scratch buffers). Construction reserves every buffer, so generate() and
// decode() then neither allocate nor lock.
class Generator {
 public:
  explicit Generator(vae::Vae& model);

  int latentSize() const { return static_cast<int>(z_.size()); }

  // z [latent] plus N(0, noise) from `noise` (drawn only when noise > 0) -> the four planes, valid until
  // the next call. Throws std::invalid_argument when z has the wrong size or a non-finite value.
  DecodedPlanes decode(std::span<const float> z, float noise, vae::NoiseSource& random);

  // decode() then selectNotes() into `out` (reserve kCells notes in it for an allocation-free call).
  void generate(std::span<const float> z, const GenerationSettings& settings, vae::NoiseSource& random,
                loops::Loop& out);

  // The z actually decoded by the last call (after noise).  // [latent]
  std::span<const float> lastZ() const { return z_; }

 private:
  vae::Vae& model_;
  std::vector<float> z_;       // [latent]
  std::vector<float> planes_;  // [4, cells]: onset, velocity, duration, offset
};

// A z drawn from the prior N(0, 1), for "generate" without coordinates.  // [latent]
std::vector<float> randomZ(int latent, vae::NoiseSource& random);

struct RenderSettings {
  int lowestPitch = 48;           // pitch of row 0 (the model's representation)
  float gridOffset = 1.0f;        // timing offset scale: 0 quantized, 1 as learned, 2 exaggerated; 0..2
  double beatsPerMinute = 120.0;  // tempo written into the file; 1..999
  int ticksPerQuarter = 480;
};

// Throws std::invalid_argument naming the setting when gridOffset or the tempo is out of range.
void validateRender(const RenderSettings& settings);

// The loop as a one-track MIDI song of two bars.
midi::Song renderSong(std::span<const loops::LoopNote> loop, const RenderSettings& settings);

// Loops one after another as one song, loop i in bars 2i+1 and 2i+2 (an interpolation or a set of
// variations to audition in one go). A note reaching past the end of its loop is cut there, so it never
// overlaps the next loop's notes. Throws std::invalid_argument for an empty list or bad settings.
midi::Song renderSequence(std::span<const loops::Loop> loops, const RenderSettings& settings);

}  // namespace melodyvae::generation
