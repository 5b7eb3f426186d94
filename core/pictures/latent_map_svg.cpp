// The latent map as SVG: piano rolls on the pad's grid, z values on the axes, a hint under each roll.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/pictures/latent_map.h"
#include "core/pictures/map_layout.h"
#include "core/pictures/svg_writer.h"

namespace melodyvae::pictures {
namespace {

constexpr MapLayout kSvgLayout{/*unit=*/3,    /*left=*/70, /*top=*/52,
                               /*bottom=*/88, /*hint=*/13, /*gap=*/8};

constexpr double kMinimumWidth = 560;  // room for the subtitle and legend on small grids

std::string zText(double z) {
  return svgNumber(z, 2);
}

// Mean pitch of the notes, as a name ("-" for none).
std::string meanPitchName(const MapCell& cell, int lowestPitch) {
  if (cell.notes.empty()) return "-";
  double sum = 0;
  for (const loops::LoopNote& note : cell.notes) sum += note.row;
  return pitchName(lowestPitch + static_cast<int>(std::lround(sum / static_cast<double>(cell.notes.size()))));
}

void drawRollGrid(SvgWriter& svg, double x, double y, int lowestPitch) {
  const MapLayout& l = kSvgLayout;
  for (int step = 4; step < loops::kSteps; step += 4) {
    const double lineX = x + step * l.unit;
    svg.element("line", {{"x1", lineX},
                         {"y1", y},
                         {"x2", lineX},
                         {"y2", y + l.rollHeight()},
                         {"stroke", hexColour(step == 16 ? kBarLine : kBeatLine)},
                         {"stroke-width", 0.6}});
  }
  for (int row = 0; row < loops::kRows; ++row) {
    if ((lowestPitch + row) % 12 != 0) continue;  // a faint line under each C
    const double lineY = y + (loops::kRows - row) * l.unit;
    svg.element("line", {{"x1", x},
                         {"y1", lineY},
                         {"x2", x + l.rollWidth()},
                         {"y2", lineY},
                         {"stroke", hexColour(kBeatLine)},
                         {"stroke-width", 0.6}});
  }
}

void drawCell(SvgWriter& svg, const MapCell& cell, int lowestPitch, double x, double y) {
  const MapLayout& l = kSvgLayout;
  const std::string count = std::to_string(cell.notes.size()) + (cell.notes.size() == 1 ? " note" : " notes");
  const std::string mean = meanPitchName(cell, lowestPitch);
  svg.open("g", {{"class", "map-cell"},
                 {"data-z1", zText(cell.z1)},
                 {"data-z2", zText(cell.z2)},
                 {"data-notes", static_cast<int>(cell.notes.size())}});
  svg.text("title", {},
           "z = (" + zText(cell.z1) + ", " + zText(cell.z2) + "): " + count +
               (cell.notes.empty() ? "" : ", mean pitch " + mean));
  svg.element("rect", {{"class", "cell"},
                       {"x", x},
                       {"y", y},
                       {"width", l.rollWidth()},
                       {"height", l.rollHeight()},
                       {"fill", hexColour(kRollBackground)}});
  drawRollGrid(svg, x, y, lowestPitch);
  for (const loops::LoopNote& note : cell.notes) {
    const NoteBar bar = noteBar(note, l.unit);
    svg.element("rect", {{"class", "note"},
                         {"x", x + bar.x},
                         {"y", y + bar.y},
                         {"width", bar.width},
                         {"height", bar.height},
                         {"fill", hexColour(velocityColour(note.velocity))}});
  }
  svg.element("rect", {{"x", x},
                       {"y", y},
                       {"width", l.rollWidth()},
                       {"height", l.rollHeight()},
                       {"fill", "none"},
                       {"stroke", hexColour(kRollBorder)},
                       {"stroke-width", 0.6}});
  svg.text("text",
           {{"class", "hint"},
            {"x", x + l.rollWidth() / 2},
            {"y", y + l.rollHeight() + 10},
            {"font-size", 9},
            {"text-anchor", "middle"},
            {"fill", "#555"}},
           cell.notes.empty() ? "silent" : count + " \xC2\xB7 " + mean);
  svg.close();
}

void drawAxes(SvgWriter& svg, const LatentMap& map) {
  const MapLayout& l = kSvgLayout;
  const int n = map.settings.grid;
  const std::string label = hexColour(kLabel);
  for (int column = 0; column < n; ++column) {
    svg.text("text",
             {{"class", "axis-value"},
              {"x", l.cellX(column) + l.rollWidth() / 2},
              {"y", l.cellY(n) - l.gap + 14},
              {"font-size", 11},
              {"text-anchor", "middle"},
              {"fill", label}},
             zText(map.cells[static_cast<std::size_t>(column)].z1));
  }
  for (int row = 0; row < n; ++row) {
    svg.text("text",
             {{"class", "axis-value"},
              {"x", l.left - 8},
              {"y", l.cellY(row) + l.rollHeight() / 2 + 4},
              {"font-size", 11},
              {"text-anchor", "end"},
              {"fill", label}},
             zText(map.cells[static_cast<std::size_t>(row * n)].z2));
  }
  const double middleX = (l.cellX(0) + l.cellX(n) - l.gap) / 2;
  const double middleY = (l.cellY(0) + l.cellY(n) - l.gap) / 2;
  svg.text("text",
           {{"x", middleX}, {"y", l.cellY(n) - l.gap + 32}, {"font-size", 13}, {"text-anchor", "middle"}},
           "z1 (pad x) \xE2\x86\x92");
  svg.text("text",
           {{"x", 18},
            {"y", middleY},
            {"font-size", 13},
            {"text-anchor", "middle"},
            {"transform", "rotate(-90 18 " + svgNumber(middleY) + ")"}},
           "z2 (pad y) \xE2\x86\x92");
}

void drawLegend(SvgWriter& svg, const LatentMap& map) {
  const MapLayout& l = kSvgLayout;
  const int n = map.settings.grid;
  const double y = l.cellY(n) - l.gap + 54;
  const std::string lowest = pitchName(map.lowestPitch);
  const std::string highest = pitchName(map.lowestPitch + loops::kRows - 1);
  svg.text(
      "text", {{"x", l.left}, {"y", y}, {"font-size", 10}, {"fill", "#555"}},
      "each roll: 2 bars, pitch " + lowest + " (bottom) to " + highest + " (top), bars as long as the notes");
  const double swatchY = y + 15;
  svg.text("text", {{"x", l.left}, {"y", swatchY}, {"font-size", 10}, {"fill", "#555"}}, "velocity:");
  const double swatchX = l.left + 50;
  for (int k = 0; k < 5; ++k) {
    const int velocity = 1 + k * 126 / 4;
    svg.element("rect", {{"x", swatchX + k * 16},
                         {"y", swatchY - 8},
                         {"width", 14},
                         {"height", 8},
                         {"fill", hexColour(velocityColour(velocity))}});
  }
  svg.text("text", {{"x", swatchX + 84}, {"y", swatchY}, {"font-size", 10}, {"fill", "#555"}},
           "soft \xE2\x86\x92 loud");
}

}  // namespace

std::string latentMapSvg(const LatentMap& map, const std::string& title) {
  const MapLayout& l = kSvgLayout;
  const int n = map.settings.grid;
  SvgWriter svg(std::max(l.width(n), kMinimumWidth), l.height(n));
  svg.text("text", {{"class", "title"}, {"x", l.left}, {"y", 22}, {"font-size", 15}, {"font-weight", "bold"}},
           title);
  const generation::SelectionSettings& s = map.settings.selection;
  svg.text("text", {{"x", l.left}, {"y", 40}, {"font-size", 11}, {"fill", "#555"}},
           std::to_string(n) + " x " + std::to_string(n) + " points, z from " + zText(-map.settings.range) +
               " to " + zText(map.settings.range) + " per axis; " +
               (s.maxVoices == 1 ? std::string("monophonic")
                                 : "up to " + std::to_string(s.maxVoices) + " voices") +
               ", onset threshold " + svgNumber(s.threshMin, 3) + ".." + svgNumber(s.threshMax, 3) +
               ", noise 0");
  for (int row = 0; row < n; ++row) {
    for (int column = 0; column < n; ++column) {
      drawCell(svg, map.cells[static_cast<std::size_t>(row * n + column)], map.lowestPitch, l.cellX(column),
               l.cellY(row));
    }
  }
  drawAxes(svg, map);
  drawLegend(svg, map);
  return svg.finish();
}

}  // namespace melodyvae::pictures
