// Where the latent map's cells lie and what colours they use, shared by its SVG and PNG drawings so the
// two show the same picture.
#pragma once

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/loops/duration.h"
#include "core/loops/loop.h"
#include "core/pictures/raster.h"

namespace melodyvae::pictures {

struct MapLayout {
  double unit;    // pixels per step and per pitch row
  double left;    // room for the z2 labels
  double top;     // room for the title
  double bottom;  // room for the z1 labels and the legend
  double hint;    // room under each roll for its note count
  double gap;     // between rolls
  double right = 16;

  double rollWidth() const { return loops::kSteps * unit; }
  double rollHeight() const { return loops::kRows * unit; }
  double cellX(int column) const { return left + column * (rollWidth() + gap); }
  double cellY(int row) const { return top + row * (rollHeight() + hint + gap); }
  double width(int grid) const { return cellX(grid) - gap + right; }
  double height(int grid) const { return cellY(grid) - gap + bottom; }
};

// A note's bar inside its roll, in pixels from the roll's top left: at its step (timing offsets are not
// drawn), as long as its decoded duration but not past the loop's end, row 0 at the bottom.
struct NoteBar {
  double x, y, width, height;
};
inline NoteBar noteBar(const loops::LoopNote& note, double unit) {
  const double steps = loops::denormalizeDuration(loops::decodeNormalizedDuration(note.duration));
  const double length = std::min(steps, static_cast<double>(loops::kSteps - note.step));
  const double inset = unit / 8;  // a hair of space between neighbouring bars
  return {note.step * unit, (loops::kRows - 1 - note.row) * unit + inset,
          std::max(length * unit - inset, unit / 2), unit - 2 * inset};
}

// Soft notes light blue, loud ones dark blue.
inline Rgb velocityColour(int velocity) {
  const double t = std::clamp((velocity - 1) / 126.0, 0.0, 1.0);
  const auto mix = [t](int soft, int loud) {
    return static_cast<std::uint8_t>(soft + t * (loud - soft) + 0.5);
  };
  return {mix(158, 8), mix(202, 48), mix(225, 107)};
}

inline std::string hexColour(Rgb colour) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", colour.r, colour.g, colour.b);
  return text;
}

inline constexpr Rgb kRollBackground{244, 245, 247};
inline constexpr Rgb kRollBorder{150, 156, 164};
inline constexpr Rgb kBarLine{190, 195, 202};   // the middle of the loop (bar 2 starts)
inline constexpr Rgb kBeatLine{226, 229, 233};  // quarter notes, and the C rows
inline constexpr Rgb kLabel{60, 64, 70};

}  // namespace melodyvae::pictures
