// `melodyvae info MODEL`: what a model file holds: the network's shape, the data representation, the
// training recipe and the per-epoch history.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/model_loading.h"
#include "cli/number_text.h"
#include "core/generation/key_choice.h"
#include "core/modelfile/model_file.h"
#include "core/training/epoch_report.h"

namespace melodyvae::cli {
namespace {

struct InfoSettings {
  std::string model;
  bool json = false;
  bool noHistory = false;
};

std::string pitchName(int pitch) {
  static const char* const names[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
  return names[pitch % 12] + std::to_string(pitch / 12 - 1);
}

// Text from the file, safe to print on a terminal: control characters (which could move the cursor or
// change colours) become '?'.
std::string printable(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = '?';
  }
  return text;
}

// A recipe value as text, or "?" when an older or foreign file lacks it.
std::string recipeValue(const nlohmann::json& recipe, const char* key) {
  const auto it = recipe.find(key);
  if (it == recipe.end()) return "?";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

void printText(const InfoSettings& settings, const modelfile::LoadedModel& loaded) {
  const vae::ModelShape& s = loaded.model.shape();
  const modelfile::Representation& r = loaded.metadata.representation;
  const nlohmann::json& recipe = loaded.metadata.recipe;
  std::cout << settings.model << "\n"
            << "  format: " << modelfile::kFormatName << " version " << modelfile::kFormatVersion
            << ", written by " << printable(loaded.metadata.createdBy) << "\n"
            << "  shape: latent " << s.latent << "; encoder 4 x (" << s.cells << " -> " << s.planeHidden
            << ") -> " << s.mergeHidden << " -> mean, log-variance; decoder " << s.latent << " -> "
            << s.decoderHidden << " -> 4 x (" << s.branchHidden << " -> " << s.cells << ")\n"
            << "         dropout " << s.dropout << ", leaky ReLU " << s.leakySlope << ", batch norm momentum "
            << s.batchNormMomentum << " epsilon " << s.batchNormEpsilon << "; loss weights onset "
            << s.onsetWeight << ", velocity " << s.velocityWeight << ", duration " << s.durationWeight
            << ", offset " << s.offsetWeight << "\n"
            << "  parameters: " << loaded.model.parameters().size() << " (+ "
            << loaded.model.batchNormState().size() << " batch-norm statistics)\n"
            << "  representation: pitches " << r.lowestPitch << ".." << r.lowestPitch + r.rows - 1 << " ("
            << pitchName(r.lowestPitch) << ".." << pitchName(r.lowestPitch + r.rows - 1) << "), " << r.rows
            << " rows x " << r.steps << " steps (" << r.stepsPerQuarter << " per quarter), duration "
            << r.durationScale << " scale " << r.shortestDurationSteps << ".." << r.longestDurationSteps
            << " steps; loops with more than " << r.minOnsets << " onsets, hop " << r.hopSteps << " steps"
            << (r.augmented ? ", augmented by transposition" : "") << "\n"
            << "  recipe: batch " << recipeValue(recipe, "batchSize") << ", Adam learning rate "
            << recipeValue(recipe, "learningRate") << " x " << recipeValue(recipe, "learningRateDecay")
            << " every " << recipeValue(recipe, "learningRateDecayEvery") << " epochs, KL weight 0 -> "
            << recipeValue(recipe, "klWeight") << " over " << recipeValue(recipe, "klWarmupEpochs")
            << " epochs, validation split " << recipeValue(recipe, "validationSplit") << ", patience "
            << recipeValue(recipe, "patience") << ", at most " << recipeValue(recipe, "maxEpochs")
            << " epochs, seed " << recipeValue(recipe, "seed") << "\n"
            << "  training: " << recipeValue(recipe, "trainLoops") << " training and "
            << recipeValue(recipe, "validationLoops") << " validation loops; "
            << recipeValue(recipe, "epochsRun") << " epochs (" << recipeValue(recipe, "stopReason")
            << "), best epoch " << recipeValue(recipe, "bestEpoch") << ", " << recipeValue(recipe, "steps")
            << " steps\n";
  const std::optional<music::Scale> key = generation::recordedKey(loaded.metadata);
  std::cout << "  key of the training data: "
            << (key ? music::scaleName(*key) + " (what --key auto uses)" : "not recorded") << "\n";
  if (settings.noHistory || loaded.metadata.history.empty()) return;
  std::cout
      << "  history (losses are per loop; val = validation, full KL weight; * = best so far):\n"
      << "    epoch      loss     onset  velocity  duration    offset        kl       val        lr  kl-w\n";
  std::size_t row = 0;
  for (const nlohmann::json& entry : loaded.metadata.history) {
    training::EpochReport e;
    try {
      e = training::epochReportFromJson(entry, ++row);
    } catch (const std::invalid_argument& error) {
      std::cout << "    (unreadable entry: " << error.what() << ")\n";
      continue;
    }
    char line[256];
    std::snprintf(line, sizeof line, "    %5d %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9s %9.3g %5.2f%s\n",
                  e.epoch, e.train.total, e.train.onset, e.train.velocity, e.train.duration, e.train.offset,
                  e.train.kl, e.hasValidation ? fixedDecimals(e.validation.total, 3).c_str() : "-",
                  e.learningRate, e.klWeight, e.improved ? " *" : "");
    std::cout << line;
  }
}

int runInfo(const InfoSettings& settings) {
  const modelfile::LoadedModel loaded = loadModelForCommand(settings.model);
  if (settings.json) {
    const nlohmann::json out = {
        {"file", settings.model},
        {"format", modelfile::kFormatName},
        {"formatVersion", modelfile::kFormatVersion},
        {"createdBy", loaded.metadata.createdBy},
        {"shape", modelfile::shapeToJson(loaded.model.shape())},
        {"parameters", loaded.model.parameters().size()},
        {"batchNormStatistics", loaded.model.batchNormState().size()},
        {"representation", modelfile::representationToJson(loaded.metadata.representation)},
        {"recipe", loaded.metadata.recipe},
        {"history", settings.noHistory ? nlohmann::json::array() : loaded.metadata.history}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    printText(settings, loaded);
  }
  return kExitOk;
}

}  // namespace

void addInfoCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<InfoSettings>();
  CLI::App* command = app.add_subcommand(
      "info", "Show what a model file holds: shape, data representation, training recipe and history.");
  command->add_option("model", settings->model, "a model file written by `melodyvae train`")->required();
  command->add_flag("--json", settings->json, "print everything as JSON");
  command->add_flag("--no-history", settings->noHistory, "leave out the per-epoch history");
  command->footer(
      "Exit status: 0 shown; 2 the file is missing, damaged or not a MelodyVAE model (the message says "
      "why).");
  command->callback([settings, &exitStatus] { exitStatus = runInfo(*settings); });
}

}  // namespace melodyvae::cli
