// `melodyvae generate MODEL -o out.mid`: decodes a point of the latent space (given, or drawn from the
// prior) into a 2-bar melody and writes it as a MIDI file. Options follow the Max device's generate
// message (z, thresholds, noise, grid offset) plus polyphony, scale, bending and tempo.
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/generation_options.h"
#include "cli/model_loading.h"
#include "core/common/atomic_file.h"
#include "core/generation/bending.h"
#include "core/generation/generator.h"
#include "core/midi/smf_writer.h"

namespace melodyvae::cli {
namespace {

struct GenerateSettings {
  std::string model;
  std::string output;
  std::vector<float> z;  // empty = draw from N(0, 1)
  GenerationOptions options;
  double bend = 0.0;
};

int runGenerate(GenerateSettings settings) {
  checkOutputPath(settings.output, "-o");
  checkNotOverwriting(settings.output, settings.model, "the model file");
  for (const float value : settings.z) {
    if (!std::isfinite(value)) throw CommandError("--z needs finite numbers, e.g. --z 0.5,-1.2");
  }
  if (!std::isfinite(settings.bend)) throw CommandError("--bend needs a number >= 0, e.g. --bend 0.3");
  modelfile::LoadedModel loaded = loadModelForCommand(settings.model);
  const int latent = loaded.model.shape().latent;
  if (!settings.z.empty() && static_cast<int>(settings.z.size()) != latent) {
    throw CommandError("--z has " + std::to_string(settings.z.size()) + " coordinates but the model '" +
                       settings.model + "' has a latent space of " + std::to_string(latent) + "; give " +
                       std::to_string(latent) + " numbers separated by commas");
  }
  GenerationOptions& options = settings.options;
  const std::optional<music::Scale> scale = resolveGenerationOptions(options, loaded, settings.model);
  vae::RandomNoise random(options.seed);
  const bool zDrawn = settings.z.empty();
  if (zDrawn) settings.z = generation::randomZ(latent, random);

  loops::Loop loop;
  try {
    // Its own stream, so the bend does not repeat the numbers that drew z.
    if (settings.bend > 0.0)
      generation::Bender(loaded.model).bend(settings.bend, options.seed ^ 0x9E3779B97F4A7C15ULL);
    generation::Generator generator(loaded.model);
    generator.generate(settings.z, options.generation, random, loop);
    midi::writeSmfFile(settings.output, generation::renderSong(loop, options.render));
  } catch (const std::invalid_argument& error) {
    throw CommandError(error.what());
  } catch (const FileWriteError& error) {
    throw CommandError(error.what());
  }
  std::cout << "wrote " << settings.output << ": " << countOf(loop.size(), "note") << " from z = ("
            << formatZ(settings.z) << ")" << (zDrawn ? " drawn from N(0, 1)" : "")
            << (options.generation.noise > 0 ? " plus noise " + std::to_string(options.generation.noise) : "")
            << (scale ? " in " + music::scaleName(*scale) : "") << ", seed " << options.seed << "\n";
  if (loop.empty()) {
    std::cerr << "melodyvae: no step had an onset probability in [" << options.generation.selection.threshMin
              << ", " << options.generation.selection.threshMax << "]" << (scale ? " on an in-scale row" : "")
              << ", so the loop is silent; try a lower --thresh-min\n";
  }
  return kExitOk;
}

}  // namespace

void addGenerateCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<GenerateSettings>();
  CLI::App* command =
      app.add_subcommand("generate", "Generate a 2-bar melody from a model and write it as a MIDI file.");
  command->add_option("model", settings->model, "a model file written by `melodyvae train`")->required();
  command->add_option("-o,--output", settings->output, "the MIDI file to write, e.g. out.mid")->required();
  command
      ->add_option("--z", settings->z,
                   "the latent point, comma-separated (e.g. 0.5,-1.2); default: drawn from N(0, 1)")
      ->delimiter(',');
  addGenerationOptions(command, settings->options);
  command
      ->add_option("--bend", settings->bend,
                   "add noise of this size, relative to each decoder weight matrix's spread, to the decoder")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  command->footer(
      "Exit status: 0 written; 2 bad arguments, an unreadable model, or the file could not be written.");
  command->callback([settings, &exitStatus] { exitStatus = runGenerate(*settings); });
}

}  // namespace melodyvae::cli
