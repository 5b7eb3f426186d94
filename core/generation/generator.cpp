// Decode-and-select for one z, and rendering the selected loop as MIDI.
#include "core/generation/generator.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/loops/loop_to_notes.h"

namespace melodyvae::generation {

void validateGeneration(const GenerationSettings& settings) {
  validateSelection(settings.selection);
  if (!(settings.noise >= 0.0f) || !std::isfinite(settings.noise)) {
    throw std::invalid_argument("noise " + std::to_string(settings.noise) + " must be a number >= 0");
  }
}

Generator::Generator(vae::Vae& model)
    : model_(model),
      z_(static_cast<std::size_t>(model.shape().latent)),
      planes_(4 * static_cast<std::size_t>(model.shape().cells)) {
  model_.reserve(1);
}

DecodedPlanes Generator::decode(std::span<const float> z, float noise, vae::NoiseSource& random) {
  if (z.size() != z_.size()) {
    throw std::invalid_argument("z has " + std::to_string(z.size()) +
                                " coordinates but the model's latent space has " + std::to_string(z_.size()));
  }
  for (const float value : z) {
    if (!std::isfinite(value)) throw std::invalid_argument("z holds a value that is not a finite number");
  }
  if (noise > 0.0f) {
    random.normal(z_);
    for (std::size_t i = 0; i < z_.size(); ++i) z_[i] = z[i] + noise * z_[i];
  } else {
    std::copy(z.begin(), z.end(), z_.begin());
  }
  const std::size_t cells = static_cast<std::size_t>(model_.shape().cells);
  float* base = planes_.data();
  model_.decode(z_.data(), 1, {base, base + cells, base + 2 * cells, base + 3 * cells});
  const std::span<const float> all(planes_);
  return {all.subspan(0, cells), all.subspan(cells, cells), all.subspan(2 * cells, cells),
          all.subspan(3 * cells, cells)};
}

void Generator::generate(std::span<const float> z, const GenerationSettings& settings,
                         vae::NoiseSource& random, loops::Loop& out) {
  validateGeneration(settings);
  selectNotes(decode(z, settings.noise, random), settings.selection, out);
}

std::vector<float> randomZ(int latent, vae::NoiseSource& random) {
  std::vector<float> z(static_cast<std::size_t>(latent));
  random.normal(z);
  return z;
}

void validateRender(const RenderSettings& settings) {
  if (!(settings.gridOffset >= 0.0f && settings.gridOffset <= 2.0f)) {
    throw std::invalid_argument("grid-offset " + std::to_string(settings.gridOffset) +
                                " is outside 0..2 (0 quantized, 1 as learned, 2 exaggerated)");
  }
  if (!(settings.beatsPerMinute >= 1.0 && settings.beatsPerMinute <= 999.0)) {
    throw std::invalid_argument("tempo " + std::to_string(settings.beatsPerMinute) +
                                " BPM is outside 1..999");
  }
}

midi::Song renderSong(std::span<const loops::LoopNote> loop, const RenderSettings& settings) {
  validateRender(settings);
  loops::NoteRenderOptions options;
  options.lowestPitch = settings.lowestPitch;
  options.ticksPerQuarter = settings.ticksPerQuarter;
  options.offsetScale = settings.gridOffset;
  return loops::loopToSong(loop, options, settings.beatsPerMinute);
}

midi::Song renderSequence(std::span<const loops::Loop> loops, const RenderSettings& settings) {
  validateRender(settings);
  if (loops.empty()) throw std::invalid_argument("a sequence needs at least one loop");
  const std::int64_t loopTicks =
      std::int64_t{loops::kSteps} * settings.ticksPerQuarter / loops::kStepsPerQuarter;
  midi::Song song = renderSong({}, settings);  // tempo, time signature, division
  loops::NoteRenderOptions options;
  options.lowestPitch = settings.lowestPitch;
  options.ticksPerQuarter = settings.ticksPerQuarter;
  options.offsetScale = settings.gridOffset;
  for (std::size_t i = 0; i < loops.size(); ++i) {
    options.startTick = static_cast<std::int64_t>(i) * loopTicks;
    const std::int64_t loopEnd = options.startTick + loopTicks;
    for (midi::Note note : loops::loopToNotes(loops[i], options)) {
      if (note.startTick >= loopEnd) continue;  // pushed past the loop by a late timing offset
      note.endTick = std::min(note.endTick, loopEnd);
      song.notes.push_back(note);
    }
  }
  std::stable_sort(song.notes.begin(), song.notes.end(), [](const midi::Note& a, const midi::Note& b) {
    return a.startTick != b.startTick ? a.startTick < b.startTick : a.pitch < b.pitch;
  });
  song.endTick = static_cast<std::int64_t>(loops.size()) * loopTicks;
  return song;
}

}  // namespace melodyvae::generation
