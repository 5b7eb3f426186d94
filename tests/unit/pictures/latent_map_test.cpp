// The latent map: the grid of z points, the refusal of other latent sizes, and the SVG and PNG drawings'
// structure (every cell there, every note inside its cell).
#include "core/pictures/latent_map.h"

#include <gtest/gtest.h>

#include <string>

#include "core/pictures/map_layout.h"
#include "tests/support/png_check.h"
#include "tests/support/xml_tree.h"

namespace melodyvae::pictures {
namespace {

// An untrained model decodes onset probabilities near 0.5 everywhere: plenty of notes to draw.
vae::Vae& untrainedModel() {
  static vae::Vae model(vae::ModelShape{}, 7);
  return model;
}

TEST(LatentMap, DecodesTheGridAsThePadLaysItOut) {
  MapSettings settings;
  settings.grid = 4;
  const LatentMap map = decodeLatentMap(untrainedModel(), 48, settings);
  ASSERT_EQ(map.cells.size(), 16u);
  EXPECT_DOUBLE_EQ(map.cells[0].z1, -2.0);  // top left
  EXPECT_DOUBLE_EQ(map.cells[0].z2, 2.0);
  EXPECT_DOUBLE_EQ(map.cells[15].z1, 2.0);  // bottom right
  EXPECT_DOUBLE_EQ(map.cells[15].z2, -2.0);
  EXPECT_NEAR(map.cells[1].z1, -2.0 / 3.0, 1e-12);
  std::size_t notes = 0;
  for (const MapCell& cell : map.cells) {
    notes += cell.notes.size();
    EXPECT_LE(cell.notes.size(), static_cast<std::size_t>(loops::kSteps));  // monophonic by default
  }
  EXPECT_GT(notes, 0u);
}

TEST(LatentMap, RefusesOtherLatentSizesAndBadSettings) {
  vae::ModelShape shape;
  shape.latent = 3;
  vae::Vae model(shape, 1);
  try {
    decodeLatentMap(model, 48, {});
    FAIL() << "a 3-D latent space was mapped";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("needs 2"), std::string::npos) << error.what();
  }
  MapSettings settings;
  settings.grid = 1;
  EXPECT_THROW(decodeLatentMap(untrainedModel(), 48, settings), std::invalid_argument);
  settings.grid = 8;
  settings.range = 0;
  EXPECT_THROW(decodeLatentMap(untrainedModel(), 48, settings), std::invalid_argument);
  settings.range = 2;
  settings.selection.threshMin = 2;
  EXPECT_THROW(decodeLatentMap(untrainedModel(), 48, settings), std::invalid_argument);
}

double number(const xml_testing::Element& e, const char* name) {
  return std::stod(e.attribute(name));
}

TEST(LatentMapSvg, HasOneCellPerPointAndEveryNoteInsideItsCell) {
  MapSettings settings;
  settings.grid = 5;
  settings.selection.maxVoices = 3;
  const LatentMap map = decodeLatentMap(untrainedModel(), 50, settings);
  const auto root = xml_testing::parseXml(latentMapSvg(map, "Map of <mine> & \"yours\""));
  const auto groups = root->all("g", "map-cell");
  ASSERT_EQ(groups.size(), 25u);
  EXPECT_EQ(root->all("rect", "cell").size(), 25u);
  std::size_t notesDrawn = 0;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const auto cells = groups[k]->all("rect", "cell");
    ASSERT_EQ(cells.size(), 1u);
    const double x = number(*cells[0], "x"), y = number(*cells[0], "y");
    const double w = number(*cells[0], "width"), h = number(*cells[0], "height");
    EXPECT_NEAR(w, 96, 1e-9);
    EXPECT_NEAR(h, 72, 1e-9);
    const auto notes = groups[k]->all("rect", "note");
    EXPECT_EQ(notes.size(), map.cells[k].notes.size());
    EXPECT_EQ(groups[k]->attribute("data-notes"), std::to_string(map.cells[k].notes.size()));
    for (const xml_testing::Element* note : notes) {
      const double nx = number(*note, "x"), ny = number(*note, "y");
      EXPECT_GE(nx, x - 1e-9);
      EXPECT_GE(ny, y - 1e-9);
      EXPECT_LE(nx + number(*note, "width"), x + w + 0.01);
      EXPECT_LE(ny + number(*note, "height"), y + h + 0.01);
      EXPECT_GT(number(*note, "width"), 0);
    }
    notesDrawn += notes.size();
  }
  EXPECT_GT(notesDrawn, 25u);
  const auto titles = root->all("text", "title");
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_EQ(titles[0]->text, "Map of <mine> & \"yours\"");
  EXPECT_EQ(root->all("text", "axis-value").size(), 10u);  // 5 z1 values, 5 z2 values
}

TEST(NoteBar, IsAsLongAsTheNoteButStopsAtTheLoopsEnd) {
  loops::LoopNote note;
  note.row = 0;
  note.step = 4;
  note.duration = loops::encodeNormalizedDuration(loops::normalizeDuration(4.0));
  const NoteBar bar = noteBar(note, 3);
  EXPECT_NEAR(bar.x, 12, 1e-9);
  EXPECT_NEAR(bar.width, 4 * 3 - 3.0 / 8, 0.01);
  EXPECT_NEAR(bar.y, 23 * 3 + 3.0 / 8, 1e-9);  // row 0 at the bottom
  note.step = 30;
  note.duration = loops::encodeNormalizedDuration(1.0);  // two bars long, from step 30
  EXPECT_LE(noteBar(note, 3).x + noteBar(note, 3).width, 32 * 3);
}

TEST(LatentMapPng, IsAValidPngOfTheLayoutsSize) {
  MapSettings settings;
  settings.grid = 3;
  const LatentMap map = decodeLatentMap(untrainedModel(), 48, settings);
  const png_testing::DecodedPng png = png_testing::decodePng(latentMapPng(map));
  // 56 left + 3 rolls of 128 + 2 gaps of 8 + 16 right; 12 top + 3 rolls of 96 + 2 gaps + 52 bottom.
  EXPECT_EQ(png.width, 56u + 3 * 128 + 2 * 8 + 16);
  EXPECT_EQ(png.height, 12u + 3 * 96 + 2 * 8 + 52);
  // A roll's top-left corner is its border colour, the middle of the page between rolls is white.
  EXPECT_EQ(png.at(56, 12, 0), kRollBorder.r);
  EXPECT_EQ(png.at(56 + 128 + 4, 12 + 40, 0), 255);
}

TEST(PitchName, NamesMidiPitches) {
  EXPECT_EQ(pitchName(48), "C3");
  EXPECT_EQ(pitchName(60), "C4");
  EXPECT_EQ(pitchName(66), "F#4");
  EXPECT_EQ(pitchName(71), "B4");
  EXPECT_EQ(pitchName(0), "C-1");
}

}  // namespace
}  // namespace melodyvae::pictures
