// `melodyvae map MODEL -o map.svg`: the XY pad as a grid of small piano rolls (core/pictures/latent_map.h),
// so a musician sees where the dense, sparse, high and low melodies lie before reaching for the pad.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/generation_options.h"
#include "cli/model_loading.h"
#include "cli/picture_files.h"
#include "core/pictures/latent_map.h"

namespace melodyvae::cli {
namespace {

struct MapOptions {
  std::string model;
  std::string output;
  pictures::MapSettings map;
  GenerationOptions generation;  // the selection window, polyphony and scale
};

int runMap(MapOptions options) {
  const PictureFormat format = pictureFormatOf(options.output, "-o", true);
  checkOutputPath(options.output, "-o");
  checkNotOverwriting(options.output, options.model, "the model file");
  modelfile::LoadedModel loaded = loadModelForCommand(options.model);
  const std::optional<music::Scale> scale =
      resolveGenerationOptions(options.generation, loaded, options.model);
  options.map.selection = options.generation.generation.selection;
  pictures::LatentMap map;
  try {
    map = pictures::decodeLatentMap(loaded.model, loaded.metadata.representation.lowestPitch, options.map);
  } catch (const std::invalid_argument& error) {
    throw CommandError("model file '" + options.model + "': " + error.what());
  }
  if (format == PictureFormat::kSvg) {
    writePicture(options.output,
                 pictures::latentMapSvg(map, "Latent map of " + fileNameOf(options.model) +
                                                 (scale ? " in " + music::scaleName(*scale) : "")));
  } else {
    const std::vector<std::uint8_t> png = pictures::latentMapPng(map);
    writePicture(options.output, std::string(png.begin(), png.end()));
  }
  std::size_t notes = 0, silent = 0;
  for (const pictures::MapCell& cell : map.cells) {
    notes += cell.notes.size();
    silent += cell.notes.empty() ? 1 : 0;
  }
  std::cout << "wrote " << options.output << ": " << map.cells.size() << " points, "
            << static_cast<double>(notes) / static_cast<double>(map.cells.size())
            << " notes per loop on average";
  if (silent > 0) std::cout << ", " << silent << " silent (try a lower --thresh-min)";
  std::cout << "\n";
  return kExitOk;
}

}  // namespace

void addMapCommand(CLI::App& app, int& exitStatus) {
  auto options = std::make_shared<MapOptions>();
  CLI::App* command = app.add_subcommand(
      "map",
      "Draw the XY pad as a grid of small piano rolls (SVG or PNG), decoded with generate's defaults.");
  command->add_option("model", options->model, "a model file written by `melodyvae train` (latent size 2)")
      ->required();
  command->add_option("-o,--output", options->output, "the picture to write: map.svg or map.png")->required();
  command->add_option("--grid", options->map.grid, "points per axis (the map has grid x grid piano rolls)")
      ->check(CLI::Range(2, pictures::kLargestMapGrid))
      ->capture_default_str();
  command
      ->add_option("--range", options->map.range,
                   "z runs from -range to +range per axis (the Max device's pad sends -2..2)")
      ->check(CLI::Range(0.01, 10.0))
      ->capture_default_str();
  addGenerationOptions(command, options->generation, {.noise = false, .render = false, .seed = false});
  command->footer(
      "Rows of the grid run from z2 = +range (top) to -range (bottom), columns from z1 = -range (left) to "
      "+range (right); each roll shows 2 bars, pitch low to high from the bottom, velocity as shade.\n"
      "Exit status: 0 written; 2 bad arguments, an unreadable model or one whose latent size is not 2, or "
      "the file could not be written.");
  command->callback([options, &exitStatus] { exitStatus = runMap(*options); });
}

}  // namespace melodyvae::cli
