// `melodyvae variations MODEL [--z x,y | --like clip.mid] --count N --spread S -o DIR`: N melodies around a
// point of the latent space (or around where a clip lies: "more like this"), each at centre + spread *
// N(0, 1). Writes one MIDI file per variation and one holding all of them in order.
#include <cmath>
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

struct VariationsSettings {
  std::string model;
  std::string output;
  std::vector<float> z;  // the centre; empty = the pad's centre (0, 0) unless --like
  std::string like;
  std::string prefix = "variation";
  int count = 8;
  float spread = 0.3f;
  GenerationOptions options;
};

int runVariations(VariationsSettings settings) {
  prepareOutputFolder(settings.output, "-o");
  for (const float value : settings.z) {
    if (!std::isfinite(value)) throw CommandError("--z needs finite numbers, e.g. --z 0.5,-1.2");
  }
  modelfile::LoadedModel loaded = loadModelForCommand(settings.model);
  const int latent = loaded.model.shape().latent;
  if (!settings.z.empty() && static_cast<int>(settings.z.size()) != latent) {
    throw CommandError("--z has " + std::to_string(settings.z.size()) + " coordinates but the model '" +
                       settings.model + "' has a latent space of " + std::to_string(latent));
  }
  GenerationOptions& options = settings.options;
  const std::optional<music::Scale> scale = resolveGenerationOptions(options, loaded, settings.model);
  std::vector<float> centre = settings.z;
  if (!settings.like.empty()) centre = encodeClipForCommand(loaded, settings.like, "--like");
  if (centre.empty()) centre.assign(static_cast<std::size_t>(latent), 0.0f);

  vae::RandomNoise random(options.seed);
  std::vector<generation::LatentPoint> points;
  try {
    points = generation::variationPoints(centre, settings.count, settings.spread, random);
  } catch (const std::invalid_argument& error) {
    throw CommandError(error.what());
  }
  generation::GenerationSettings noiseless = options.generation;
  noiseless.noise = 0.0f;  // the spread is the only randomness
  const std::vector<loops::Loop> loops = decodePoints(loaded.model, points, noiseless, random);
  const std::vector<std::string> files =
      writeLoopSet(settings.output, settings.prefix, loops, options.render);

  std::cout << settings.count << " variation" << (settings.count == 1 ? "" : "s") << " around z = ("
            << formatZ(centre) << ")" << (settings.like.empty() ? "" : " where " + settings.like + " lies")
            << " with spread " << settings.spread << (scale ? ", in " + music::scaleName(*scale) : "")
            << ", seed " << options.seed << ":\n";
  listLoopSet(std::cout, points, loops, files);
  return kExitOk;
}

}  // namespace

void addVariationsCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<VariationsSettings>();
  CLI::App* command = app.add_subcommand(
      "variations", "Several melodies around a point of the latent space or around where a clip lies.");
  command->add_option("model", settings->model, "a model file written by `melodyvae train`")->required();
  command->add_option("-o,--output", settings->output, "the folder to write into (created if missing)")
      ->required();
  CLI::Option* z =
      command->add_option("--z", settings->z, "the centre, comma-separated (e.g. 0.5,-1.2); default: 0,0")
          ->delimiter(',');
  CLI::Option* like =
      command->add_option("--like", settings->like,
                          "a MIDI clip: vary around its first 2-bar window with notes (more like this)");
  z->excludes(like);
  command->add_option("--count", settings->count, "how many variations")
      ->check(CLI::Range(1, generation::kLargestPointCount))
      ->capture_default_str();
  command
      ->add_option("--spread", settings->spread,
                   "how far they wander: the standard deviation around the centre in latent units (the "
                   "temperature; 0 = all the same)")
      ->check(CLI::Range(0.0, 10.0))
      ->capture_default_str();
  command->add_option("--prefix", settings->prefix, "file names: <prefix>_01.mid ... and <prefix>.mid")
      ->capture_default_str();
  addGenerationOptions(command, settings->options, {.noise = false, .render = true, .seed = true});
  command->footer(
      "Exit status: 0 written; 2 bad arguments, an unreadable model or clip, or a file could not be "
      "written.");
  command->callback([settings, &exitStatus] { exitStatus = runVariations(*settings); });
}

}  // namespace melodyvae::cli
