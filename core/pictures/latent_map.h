// The latent map: the XY pad's square decoded at N x N points with the default generation settings, so a
// musician sees where the dense, sparse, high and low melodies lie; drawn as SVG (with labels) or PNG.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/generation/note_selection.h"
#include "core/loops/loop.h"
#include "core/vae/vae.h"

namespace melodyvae::pictures {

inline constexpr int kDefaultMapGrid = 8;
inline constexpr int kLargestMapGrid = 32;
inline constexpr double kPadRange = 2.0;  // the Max device's XY pad sends -2..2 per axis

struct MapSettings {
  int grid = kDefaultMapGrid;  // points per axis, 2..kLargestMapGrid
  double range = kPadRange;    // z runs over [-range, range] per axis (ends included); 0 < range <= 10
  generation::SelectionSettings selection;  // what generate uses by default: monophonic, 0.125..1
};

struct MapCell {
  double z1 = 0, z2 = 0;  // the decoded point (noise 0)
  loops::Loop notes;      // sorted by (step, row)
};

struct LatentMap {
  MapSettings settings;
  int lowestPitch = 48;  // pitch of row 0
  // [grid rows, grid columns] row-major: row 0 is the top (z2 = +range), column 0 the left (z1 = -range),
  // as on the pad.
  std::vector<MapCell> cells;
};

// Throws std::invalid_argument naming the setting (grid, range, thresholds, voices).
void validateMapSettings(const MapSettings& settings);

// Decodes every point. Throws std::invalid_argument when the model's latent space is not 2-D (the map is of
// the XY pad) or a setting is out of range.
LatentMap decodeLatentMap(vae::Vae& model, int lowestPitch, const MapSettings& settings);

// The map as an SVG document: each point a small piano roll (24 rows x 32 steps; notes as bars as long as
// their durations, darker = louder) in a <g class="map-cell"> holding one <rect class="cell"> and one
// <rect class="note"> per note, with z values along the axes and a note count and mean pitch under each
// cell. `title` (any text; escaped) heads it.
std::string latentMapSvg(const LatentMap& map, const std::string& title);

// The same map as a PNG file (piano rolls and z values on the axes; no title or per-cell text).
std::vector<std::uint8_t> latentMapPng(const LatentMap& map);

// "C3" for 48, "F#4" for 66 (MIDI 60 = C4).
std::string pitchName(int pitch);

}  // namespace melodyvae::pictures
