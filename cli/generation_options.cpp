// Options shared by the generating commands.
#include "cli/generation_options.h"

#include <cstdio>
#include <random>
#include <stdexcept>

#include "cli/commands.h"
#include "core/generation/encoding.h"
#include "core/generation/key_choice.h"
#include "core/midi/smf_reader.h"

namespace melodyvae::cli {

void addGenerationOptions(CLI::App* command, GenerationOptions& options, OptionSet set) {
  command
      ->add_option("--thresh-min", options.generation.selection.threshMin,
                   "a cell can become a note when its onset probability is at least this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--thresh-max", options.generation.selection.threshMax, "...and at most this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command
      ->add_option("--poly", options.generation.selection.maxVoices,
                   "notes per step at most (1 = monophonic: the most likely row per step)")
      ->check(CLI::Range(1, 24))
      ->capture_default_str();
  CLI::Option* scale = command->add_option(
      "--scale", options.scale,
      "keep every note in this scale, e.g. C:minor, F#:dorian, Bb:major (modes: " +
          music::modeNamesForHelp() + "); the most likely in-scale row is chosen at each step");
  CLI::Option* key =
      command
          ->add_option("--key", options.key,
                       "auto: keep every note in the key of the training data, as recorded in the model file")
          ->check(CLI::IsMember({"auto"}));
  scale->excludes(key);
  if (set.noise) {
    command
        ->add_option("--noise", options.generation.noise, "standard deviation of Gaussian noise added to z")
        ->check(CLI::Range(0.0, 10.0))
        ->capture_default_str();
  }
  if (set.render) {
    command
        ->add_option("--grid-offset", options.render.gridOffset,
                     "timing: 0 on the grid, 1 as learned, 2 exaggerated")
        ->check(CLI::Range(0.0, 2.0))
        ->capture_default_str();
    command->add_option("--tempo", options.render.beatsPerMinute, "tempo written into the MIDI file, in BPM")
        ->check(CLI::Range(1.0, 999.0))
        ->capture_default_str();
  }
  if (set.seed) {
    options.seedOption =
        command->add_option("--seed", options.seed, "seed for every random draw (default: random, printed)");
  }
}

std::optional<music::Scale> resolveGenerationOptions(GenerationOptions& options,
                                                     const modelfile::LoadedModel& loaded,
                                                     const std::string& modelPath) {
  const modelfile::Representation& representation = loaded.metadata.representation;
  options.render.lowestPitch = representation.lowestPitch;
  std::optional<music::Scale> scale;
  try {
    if (!options.scale.empty()) scale = music::parseScale(options.scale);
  } catch (const std::invalid_argument& error) {
    throw CommandError(std::string("--scale: ") + error.what());
  }
  if (options.key == "auto") {
    scale = generation::recordedKey(loaded.metadata);
    if (!scale) {
      throw CommandError("--key auto: the model file '" + modelPath +
                         "' records no key of its training data (it was trained by an older melodyvae, or "
                         "its data had no key that stood out); retrain it, or name a scale with --scale "
                         "C:minor");
    }
  }
  try {
    if (scale) options.generation.selection.allowedRows = generation::allowedRowsFor(*scale, representation);
    generation::validateGeneration(options.generation);
    generation::validateRender(options.render);
  } catch (const std::invalid_argument& error) {
    throw CommandError(error.what());
  }
  if (options.seedOption != nullptr && options.seedOption->count() == 0) {
    options.seed = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  }
  return scale;
}

std::vector<float> encodeClipForCommand(modelfile::LoadedModel& loaded, const std::string& clipPath,
                                        const std::string& option) {
  midi::Song song;
  try {
    song = midi::readSmfFile(clipPath);
  } catch (const std::exception& error) {  // MidiError, FileReadError: both name the file
    throw CommandError(option + ": cannot read the clip: " + error.what());
  }
  std::vector<generation::EncodedWindow> windows =
      generation::encodeSong(loaded.model, song, loaded.metadata.representation.lowestPitch);
  if (windows.empty()) {
    throw CommandError(option + ": '" + clipPath +
                       "' holds no note outside the drum channel (MIDI channel 10) to encode");
  }
  return std::move(windows.front().z);
}

std::string formatZ(std::span<const float> z) {
  std::string text;
  for (std::size_t i = 0; i < z.size(); ++i) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%.4f", i ? ", " : "", static_cast<double>(z[i]));
    text += buffer;
  }
  return text;
}

std::string countOf(std::size_t count, const std::string& singular) {
  return std::to_string(count) + " " + singular + (count == 1 ? "" : "s");
}

}  // namespace melodyvae::cli
