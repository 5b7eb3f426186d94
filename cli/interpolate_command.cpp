// `melodyvae interpolate MODEL a.mid b.mid --steps N -o DIR`: encodes both clips and decodes N points on the
// straight line between their latent means, a morph from one melody to the other. Writes one MIDI file per
// point and one holding all of them in order.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/generation_options.h"
#include "cli/loop_set_files.h"
#include "cli/model_loading.h"
#include "core/generation/generator.h"
#include "core/generation/latent_points.h"

namespace melodyvae::cli {
namespace {

struct InterpolateSettings {
  std::string model;
  std::string from;
  std::string to;
  std::string output;
  std::string prefix = "interpolation";
  int steps = 8;
  GenerationOptions options;
};

int runInterpolate(InterpolateSettings settings) {
  prepareOutputFolder(settings.output, "-o");
  modelfile::LoadedModel loaded = loadModelForCommand(settings.model);
  GenerationOptions& options = settings.options;
  const std::optional<music::Scale> scale = resolveGenerationOptions(options, loaded, settings.model);
  const std::vector<float> from = encodeClipForCommand(loaded, settings.from, "the first clip");
  const std::vector<float> to = encodeClipForCommand(loaded, settings.to, "the second clip");

  std::vector<generation::LatentPoint> points;
  try {
    points = generation::interpolateLine(from, to, settings.steps);
  } catch (const std::invalid_argument& error) {
    throw CommandError(std::string("--steps: ") + error.what());
  }
  vae::RandomNoise unused(0);  // noise is 0: decoding is deterministic
  const std::vector<loops::Loop> loops = decodePoints(loaded.model, points, options.generation, unused);
  const std::vector<std::string> files =
      writeLoopSet(settings.output, settings.prefix, loops, options.render);

  std::cout << "interpolated " << settings.from << " (z = " << formatZ(from) << ") to " << settings.to
            << " (z = " << formatZ(to) << ") in " << settings.steps << " steps"
            << (scale ? ", in " + music::scaleName(*scale) : "") << ":\n";
  listLoopSet(std::cout, points, loops, files);
  return kExitOk;
}

}  // namespace

void addInterpolateCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<InterpolateSettings>();
  CLI::App* command = app.add_subcommand(
      "interpolate", "Morph from one clip to another: decode points on the line between their latent means.");
  command->add_option("model", settings->model, "a model file written by `melodyvae train`")->required();
  command->add_option("from", settings->from, "the first MIDI clip (its first 2-bar window with notes)")
      ->required();
  command->add_option("to", settings->to, "the second MIDI clip (its first 2-bar window with notes)")
      ->required();
  command->add_option("-o,--output", settings->output, "the folder to write into (created if missing)")
      ->required();
  command->add_option("--steps", settings->steps, "points on the line, both clips included")
      ->check(CLI::Range(2, generation::kLargestPointCount))
      ->capture_default_str();
  command->add_option("--prefix", settings->prefix, "file names: <prefix>_01.mid ... and <prefix>.mid")
      ->capture_default_str();
  addGenerationOptions(command, settings->options, {.noise = false, .render = true, .seed = false});
  command->footer(
      "Each clip is encoded to the latent mean of its first 2-bar window holding notes (as `melodyvae "
      "encode` prints it); the points are decoded without noise, so the first and last files are the "
      "model's reconstructions of the two clips.\n"
      "Exit status: 0 written; 2 bad arguments, an unreadable model or clip, or a file could not be "
      "written.");
  command->callback([settings, &exitStatus] { exitStatus = runInterpolate(*settings); });
}

}  // namespace melodyvae::cli
