// The options every generating command shares (generate, interpolate, variations, map): the note selection
// window, polyphony, timing, tempo, scale or key, and the seed; and the clip-to-z step of the commands that
// start from a clip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/generation/generator.h"
#include "core/modelfile/model_file.h"
#include "core/music/scale.h"

namespace melodyvae::cli {

struct GenerationOptions {
  generation::GenerationSettings generation;
  generation::RenderSettings render;
  std::string scale;  // "" = any note; "C:minor", ...
  std::string key;    // "" or "auto" = the training data's key recorded in the model file
  std::uint64_t seed = 0;
  CLI::Option* seedOption = nullptr;
};

struct OptionSet {
  bool noise = true;   // --noise
  bool render = true;  // --grid-offset, --tempo (commands that write MIDI)
  bool seed = true;    // --seed
};

// Registers --thresh-min, --thresh-max, --poly, --scale, --key and, as `set` asks, --noise, --grid-offset,
// --tempo and --seed on `command`, storing into `options` (which must outlive the parse).
void addGenerationOptions(CLI::App* command, GenerationOptions& options, OptionSet set = {});

// After the model is loaded: sets the render's lowest pitch and the selection's allowed rows from --scale or
// --key auto, checks every setting, and draws a seed when none was given. Returns the scale in force, if
// any. Throws CommandError naming the option (e.g. "--key auto: the model file 'm.safetensors' records no
// key ...").
std::optional<music::Scale> resolveGenerationOptions(GenerationOptions& options,
                                                     const modelfile::LoadedModel& loaded,
                                                     const std::string& modelPath);

// The latent mean of the first 2-bar window of `clipPath` that holds notes, fitted to the model's pitch
// range; `option` names the argument in errors (unreadable file, no notes).
std::vector<float> encodeClipForCommand(modelfile::LoadedModel& loaded, const std::string& clipPath,
                                        const std::string& option);

// "0.5000, -1.2000"
std::string formatZ(std::span<const float> z);

// "wrote 3 notes" style plural helper: "1 note", "2 notes".
std::string countOf(std::size_t count, const std::string& singular);

}  // namespace melodyvae::cli
