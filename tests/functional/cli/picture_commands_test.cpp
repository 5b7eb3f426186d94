// `melodyvae map`, `melodyvae plot` and `train --plot` through the binary: well-formed pictures with the
// expected number of piano rolls and series, and errors that name the argument.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

std::string fileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) {
    ++count;
  }
  return count;
}

void expectWellFormedSvg(const std::string& svg) {
  ASSERT_FALSE(svg.empty());
  EXPECT_EQ(svg.rfind("<svg", 0) == 0 || svg.rfind("<?xml", 0) == 0, true) << svg.substr(0, 80);
  EXPECT_TRUE(contains(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(occurrences(svg, "<svg"), 1u);
  EXPECT_EQ(occurrences(svg, "</svg>"), 1u);
  EXPECT_EQ(occurrences(svg, "<g"), occurrences(svg, "</g>")) << "every group closed";
}

TEST(PictureCommands, MapDrawsOnePianoRollPerGridPoint) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string svgPath = (scratch.path() / "map.svg").string();
  const ProcessResult result = runMelodyvae({"map", model, "--grid", "5", "-o", svgPath}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "wrote " + svgPath + ": 25 points")) << result.out;
  const std::string svg = fileText(svgPath);
  expectWellFormedSvg(svg);
  EXPECT_EQ(occurrences(svg, "class=\"map-cell\""), 25u);
  EXPECT_EQ(occurrences(svg, "class=\"cell\""), 25u);
  EXPECT_GT(occurrences(svg, "class=\"note\""), 0u) << "a trained model's map is not silent";

  const std::string pngPath = (scratch.path() / "map.png").string();
  ASSERT_EQ(runMelodyvae({"map", model, "-o", pngPath}, scratch.path()).exitStatus, 0);
  const std::string png = fileText(pngPath);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_TRUE(contains(png, "IEND"));
}

TEST(PictureCommands, PlotHasTheSeriesOfEveryPanel) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path(), 3);
  const std::string svgPath = (scratch.path() / "loss.svg").string();
  const ProcessResult result = runMelodyvae({"plot", model, "-o", svgPath}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "wrote " + svgPath + ": 3 epochs")) << result.out;
  const std::string svg = fileText(svgPath);
  expectWellFormedSvg(svg);
  for (const char* name : {"training", "validation", "learning rate", "KL weight"}) {
    EXPECT_TRUE(contains(svg, std::string("data-name=\"") + name + "\"")) << name;
  }
  EXPECT_EQ(occurrences(svg, "class=\"best\""), 4u) << "the best epoch marked in each of the four panels";
}

TEST(PictureCommands, TrainPlotWritesThePlotBesideTheModel) {
  ScratchFolder scratch;
  const std::string model = (scratch.path() / "mine.safetensors").string();
  const ProcessResult result =
      runMelodyvae({"train", testData("mono"), "-o", model, "--epochs", "2", "--batch-size", "16", "--plot"},
                   scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  const std::filesystem::path plot = scratch.path() / "mine-loss.svg";
  ASSERT_TRUE(std::filesystem::exists(plot)) << result.out;
  expectWellFormedSvg(fileText(plot));
}

TEST(PictureCommands, BadArgumentsAreNamed) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const ProcessResult wrongType =
      runMelodyvae({"map", model, "-o", (scratch.path() / "map.txt").string()}, scratch.path());
  EXPECT_EQ(wrongType.exitStatus, 2);
  EXPECT_TRUE(contains(wrongType.err, "-o")) << wrongType.err;
  const ProcessResult missing =
      runMelodyvae({"plot", (scratch.path() / "none.safetensors").string(), "-o", "x.svg"}, scratch.path());
  EXPECT_EQ(missing.exitStatus, 2);
  EXPECT_TRUE(contains(missing.err, "none.safetensors")) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "x.svg"));
  const ProcessResult badGrid = runMelodyvae({"map", model, "--grid", "1", "-o", "m.svg"}, scratch.path());
  EXPECT_EQ(badGrid.exitStatus, 2);
  EXPECT_TRUE(contains(badGrid.err, "--grid")) << badGrid.err;
}

}  // namespace
}  // namespace melodyvae::product_testing
