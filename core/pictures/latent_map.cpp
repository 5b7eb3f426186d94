// Decoding the grid of latent points.
#include "core/pictures/latent_map.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/generation/generator.h"
#include "core/vae/noise_source.h"

namespace melodyvae::pictures {

void validateMapSettings(const MapSettings& settings) {
  if (settings.grid < 2 || settings.grid > kLargestMapGrid) {
    throw std::invalid_argument("grid " + std::to_string(settings.grid) + " is outside 2.." +
                                std::to_string(kLargestMapGrid) + " points per axis");
  }
  if (!(settings.range > 0.0 && settings.range <= 10.0)) {
    throw std::invalid_argument("range " + std::to_string(settings.range) + " is outside (0, 10]");
  }
  generation::validateSelection(settings.selection);
}

LatentMap decodeLatentMap(vae::Vae& model, int lowestPitch, const MapSettings& settings) {
  validateMapSettings(settings);
  if (model.shape().latent != 2) {
    throw std::invalid_argument("the model has a latent space of " + std::to_string(model.shape().latent) +
                                " dimensions; a map needs 2 (the XY pad): train with --latent 2");
  }
  LatentMap map;
  map.settings = settings;
  map.lowestPitch = lowestPitch;
  generation::Generator generator(model);
  generation::GenerationSettings generationSettings;
  generationSettings.selection = settings.selection;
  vae::RandomNoise unused(0);  // noise 0: nothing is drawn
  const int n = settings.grid;
  const auto coordinate = [&](int index) { return -settings.range + 2.0 * settings.range * index / (n - 1); };
  map.cells.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
  for (int row = 0; row < n; ++row) {
    for (int column = 0; column < n; ++column) {
      MapCell& cell = map.cells[static_cast<std::size_t>(row * n + column)];
      cell.z1 = coordinate(column);
      cell.z2 = coordinate(n - 1 - row);
      const float z[2] = {static_cast<float>(cell.z1), static_cast<float>(cell.z2)};
      generator.generate(z, generationSettings, unused, cell.notes);
    }
  }
  return map;
}

std::string pitchName(int pitch) {
  static const char* const kNames[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
  const int octave = (pitch >= 0 ? pitch / 12 : (pitch - 11) / 12) - 1;
  return std::string(kNames[((pitch % 12) + 12) % 12]) + std::to_string(octave);
}

}  // namespace melodyvae::pictures
