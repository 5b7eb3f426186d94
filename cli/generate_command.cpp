// `melodyvae generate MODEL -o out.mid`: decodes a point of the latent space (given, or drawn from the
// prior) into a 2-bar melody and writes it as a MIDI file. Options follow the Max device's generate
// message (z, thresholds, noise, grid offset) plus polyphony, bending and tempo.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cli/commands.h"
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
  generation::GenerationSettings generation;
  generation::RenderSettings render;
  double bend = 0.0;
  std::uint64_t seed = 0;
  bool seedGiven = false;
};

std::string formatZ(std::span<const float> z) {
  std::string text;
  for (std::size_t i = 0; i < z.size(); ++i) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%.4f", i ? ", " : "", static_cast<double>(z[i]));
    text += buffer;
  }
  return text;
}

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
  if (!settings.seedGiven)
    settings.seed = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  vae::RandomNoise random(settings.seed);
  const bool zDrawn = settings.z.empty();
  if (zDrawn) settings.z = generation::randomZ(latent, random);
  settings.render.lowestPitch = loaded.metadata.representation.lowestPitch;

  loops::Loop loop;
  try {
    generation::validateGeneration(settings.generation);
    generation::validateRender(settings.render);
    // Its own stream, so the bend does not repeat the numbers that drew z.
    if (settings.bend > 0.0)
      generation::Bender(loaded.model).bend(settings.bend, settings.seed ^ 0x9E3779B97F4A7C15ULL);
    generation::Generator generator(loaded.model);
    generator.generate(settings.z, settings.generation, random, loop);
    const midi::Song song = generation::renderSong(loop, settings.render);
    midi::writeSmfFile(settings.output, song);
  } catch (const std::invalid_argument& error) {
    throw CommandError(error.what());
  } catch (const FileWriteError& error) {
    throw CommandError(error.what());
  }
  std::cout << "wrote " << settings.output << ": " << loop.size() << " note" << (loop.size() == 1 ? "" : "s")
            << " from z = (" << formatZ(settings.z) << ")" << (zDrawn ? " drawn from N(0, 1)" : "")
            << (settings.generation.noise > 0 ? " plus noise " + std::to_string(settings.generation.noise)
                                              : "")
            << ", seed " << settings.seed << "\n";
  if (loop.empty()) {
    std::cerr << "melodyvae: no step had an onset probability in [" << settings.generation.selection.threshMin
              << ", " << settings.generation.selection.threshMax
              << "], so the loop is silent; try a lower --thresh-min\n";
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
  command
      ->add_option("--noise", settings->generation.noise, "standard deviation of Gaussian noise added to z")
      ->check(CLI::Range(0.0, 10.0))
      ->capture_default_str();
  command
      ->add_option("--thresh-min", settings->generation.selection.threshMin,
                   "a cell can become a note when its onset probability is at least this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--thresh-max", settings->generation.selection.threshMax, "...and at most this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command
      ->add_option("--grid-offset", settings->render.gridOffset,
                   "timing: 0 on the grid, 1 as learned, 2 exaggerated")
      ->check(CLI::Range(0.0, 2.0))
      ->capture_default_str();
  command
      ->add_option("--poly", settings->generation.selection.maxVoices,
                   "notes per step at most (1 = monophonic: the most likely row per step)")
      ->check(CLI::Range(1, 24))
      ->capture_default_str();
  command
      ->add_option("--bend", settings->bend,
                   "add noise of this size, relative to each decoder weight matrix's spread, to the decoder")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  command->add_option("--tempo", settings->render.beatsPerMinute, "tempo written into the MIDI file, in BPM")
      ->check(CLI::Range(1.0, 999.0))
      ->capture_default_str();
  CLI::Option* seed = command->add_option(
      "--seed", settings->seed, "seed for the drawn z, the noise and the bending (default: random, printed)");
  command->footer(
      "Exit status: 0 written; 2 bad arguments, an unreadable model, or the file could not be written.");
  command->callback([settings, seed, &exitStatus] {
    settings->seedGiven = seed->count() > 0;
    exitStatus = runGenerate(*settings);
  });
}

}  // namespace melodyvae::cli
