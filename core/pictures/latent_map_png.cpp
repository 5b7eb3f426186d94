// The latent map as PNG: the SVG's piano rolls at 4 pixels per step, with the z values drawn in a tiny
// bitmap font (digits, '-', '.' and 'z' are all the axes need).
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/pictures/latent_map.h"
#include "core/pictures/map_layout.h"

namespace melodyvae::pictures {
namespace {

constexpr int kFontScale = 2;  // each font pixel is 2 x 2 picture pixels
constexpr MapLayout kPngLayout{/*unit=*/4,    /*left=*/56, /*top=*/12,
                               /*bottom=*/52, /*hint=*/0,  /*gap=*/8};

// 3 x 5 glyphs, one row per entry, bit 2 = left column.
std::array<std::uint8_t, 5> glyph(char c) {
  switch (c) {
    case '0':
      return {7, 5, 5, 5, 7};
    case '1':
      return {2, 6, 2, 2, 7};
    case '2':
      return {7, 1, 7, 4, 7};
    case '3':
      return {7, 1, 7, 1, 7};
    case '4':
      return {5, 5, 7, 1, 1};
    case '5':
      return {7, 4, 7, 1, 7};
    case '6':
      return {7, 4, 7, 5, 7};
    case '7':
      return {7, 1, 1, 1, 1};
    case '8':
      return {7, 5, 7, 5, 7};
    case '9':
      return {7, 5, 7, 1, 7};
    case '-':
      return {0, 0, 7, 0, 0};
    case '.':
      return {0, 0, 0, 0, 2};
    case 'z':
      return {0, 7, 1, 2, 7};
    default:
      return {0, 0, 0, 0, 0};  // a space
  }
}

int textWidth(const std::string& text) {
  return static_cast<int>(text.size()) * 4 * kFontScale - kFontScale;
}

void drawText(Raster& raster, int x, int y, const std::string& text, Rgb colour) {
  for (const char c : text) {
    const std::array<std::uint8_t, 5> rows = glyph(c);
    for (int row = 0; row < 5; ++row) {
      for (int column = 0; column < 3; ++column) {
        if (rows[static_cast<std::size_t>(row)] & (4 >> column)) {
          raster.fill(x + column * kFontScale, y + row * kFontScale, kFontScale, kFontScale, colour);
        }
      }
    }
    x += 4 * kFontScale;
  }
}

std::string zText(double z) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", std::fabs(z) < 0.005 ? 0.0 : z);
  return text;
}

int pixel(double value) {
  return static_cast<int>(std::lround(value));
}

void drawCell(Raster& raster, const MapCell& cell, int lowestPitch, int x, int y) {
  const MapLayout& l = kPngLayout;
  const int width = pixel(l.rollWidth()), height = pixel(l.rollHeight()), unit = pixel(l.unit);
  raster.fill(x, y, width, height, kRollBackground);
  for (int step = 4; step < loops::kSteps; step += 4) {
    raster.fill(x + step * unit, y, 1, height, step == 16 ? kBarLine : kBeatLine);
  }
  for (int row = 0; row < loops::kRows; ++row) {
    if ((lowestPitch + row) % 12 == 0)
      raster.fill(x, y + (loops::kRows - row) * unit - 1, width, 1, kBeatLine);
  }
  for (const loops::LoopNote& note : cell.notes) {
    const NoteBar bar = noteBar(note, l.unit);
    const int left = x + pixel(bar.x), top = y + pixel(bar.y);
    raster.fill(left, top, std::max(1, pixel(bar.x + bar.width) - pixel(bar.x)),
                std::max(1, pixel(bar.y + bar.height) - pixel(bar.y)), velocityColour(note.velocity));
  }
  // Border.
  raster.fill(x, y, width, 1, kRollBorder);
  raster.fill(x, y + height - 1, width, 1, kRollBorder);
  raster.fill(x, y, 1, height, kRollBorder);
  raster.fill(x + width - 1, y, 1, height, kRollBorder);
}

}  // namespace

std::vector<std::uint8_t> latentMapPng(const LatentMap& map) {
  const MapLayout& l = kPngLayout;
  const int n = map.settings.grid;
  Raster raster(pixel(l.width(n)), pixel(l.height(n)));
  for (int row = 0; row < n; ++row) {
    for (int column = 0; column < n; ++column) {
      drawCell(raster, map.cells[static_cast<std::size_t>(row * n + column)], map.lowestPitch,
               pixel(l.cellX(column)), pixel(l.cellY(row)));
    }
  }
  const int glyphHeight = 5 * kFontScale;
  const int below = pixel(l.cellY(n) - l.gap) + 6;
  for (int column = 0; column < n; ++column) {
    const std::string text = zText(map.cells[static_cast<std::size_t>(column)].z1);
    drawText(raster, pixel(l.cellX(column) + l.rollWidth() / 2) - textWidth(text) / 2, below, text, kLabel);
  }
  for (int row = 0; row < n; ++row) {
    const std::string text = zText(map.cells[static_cast<std::size_t>(row * n)].z2);
    drawText(raster, pixel(l.left) - 6 - textWidth(text),
             pixel(l.cellY(row) + l.rollHeight() / 2) - glyphHeight / 2, text, kLabel);
  }
  // Axis names: "z1" centred under the columns, "z2" above the row labels.
  drawText(raster, pixel((l.cellX(0) + l.cellX(n) - l.gap) / 2) - textWidth("z1") / 2,
           below + 2 * glyphHeight, "z1", kLabel);
  drawText(raster, 4, pixel(l.top), "z2", kLabel);
  // Velocity swatches, soft to loud, bottom left.
  for (int k = 0; k < 5; ++k) {
    raster.fill(pixel(l.left) + k * 16, below + 2 * glyphHeight + 2, 14, 8, velocityColour(1 + k * 126 / 4));
  }
  return encodePng(raster);
}

}  // namespace melodyvae::pictures
