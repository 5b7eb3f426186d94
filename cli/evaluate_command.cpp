// `melodyvae evaluate MODEL <held-out files|folders> [--training PATHS]`: how well the model reconstructs
// real loops it never saw, beside two baselines on the same loops (see core/evaluation/reconstruction.h
// and the help text below for the exact definition).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/model_loading.h"
#include "cli/progress_bar.h"
#include "cli/progress_line.h"
#include "core/corpus/midi_collection.h"
#include "core/evaluation/reconstruction.h"

namespace melodyvae::cli {
namespace {

struct EvaluateSettings {
  std::string model;
  std::vector<std::string> heldOut;
  std::vector<std::string> training;
  bool json = false;
  bool quiet = false;
};

// Loads `paths` with the model's loop rules; unreadable files are reported on stderr. Returns whether
// some failed.
bool loadWithModelRules(const std::vector<std::string>& paths,
                        const modelfile::Representation& representation, const std::string& what,
                        bool showProgress, corpus::LoopCorpus& loops) {
  corpus::CollectionOptions options;
  options.loops.lowestPitch = representation.lowestPitch;
  options.loops.minOnsets = representation.minOnsets;
  options.loops.hopSteps = representation.hopSteps;
  ProgressBar bar(std::cerr, showProgress, "reading " + what);
  options.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  const std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
  corpus::CollectionReport report;
  try {
    report = corpus::loadMidiCollection(inputs, options, loops);
  } catch (const std::invalid_argument& error) {
    throw CommandError(std::string("the model's loop rules cannot be used: ") + error.what());
  }
  bar.finish();
  for (const corpus::InputProblem& problem : report.inputProblems)
    std::cerr << "melodyvae: " << problem.reason << "\n";
  bool failed = !report.inputProblems.empty();
  for (const corpus::FileReport& file : report.files) {
    if (file.readable) continue;
    std::cerr << "melodyvae: skipped '" << file.path.string() << "': " << file.error << "\n";
    failed = true;
  }
  if (loops.empty()) {
    throw CommandError("the " + what + " files hold no 2-bar loop with more than " +
                       std::to_string(representation.minOnsets) +
                       " onsets (the model's loop rules); give other files (see `melodyvae inspect`)");
  }
  return failed;
}

nlohmann::json scoresJson(const evaluation::ReconstructionScores& s) {
  return {{"windows", s.windows},
          {"onset", {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}}},
          {"rhythm", {{"precision", s.rhythmPrecision}, {"recall", s.rhythmRecall}, {"f1", s.rhythmF1}}},
          {"pitchAccuracy", s.pitchAccuracy},
          {"matchedCells", s.matchedCells},
          {"velocityMae", s.velocityMae},
          {"durationMaeSteps", s.durationMae},
          {"timingMaeSteps", s.timingMae}};
}

void printRow(const char* name, const evaluation::ReconstructionScores& s) {
  std::printf("  %-16s %6.3f %6.3f %6.3f   %6.3f   %6.3f   %7.2f %7.2f %7.3f\n", name, s.precision, s.recall,
              s.f1, s.rhythmF1, s.pitchAccuracy, s.velocityMae, s.durationMae, s.timingMae);
}

int runEvaluate(const EvaluateSettings& settings) {
  modelfile::LoadedModel loaded = loadModelForCommand(settings.model);
  const modelfile::Representation& representation = loaded.metadata.representation;
  const bool showProgress = !settings.quiet && ProgressLine::isTerminal(std::cerr);
  corpus::LoopCorpus heldOut(representation.lowestPitch);
  bool failed = loadWithModelRules(settings.heldOut, representation, "held-out", showProgress, heldOut);
  std::unique_ptr<corpus::LoopCorpus> training;
  if (!settings.training.empty()) {
    training = std::make_unique<corpus::LoopCorpus>(representation.lowestPitch);
    failed =
        loadWithModelRules(settings.training, representation, "training", showProgress, *training) || failed;
  }
  ProgressBar bar(std::cerr, showProgress, "evaluating");
  const evaluation::ReconstructionReport report = evaluation::evaluateReconstruction(
      loaded.model, heldOut, training.get(),
      [&bar](std::size_t done, std::size_t total) { bar.update(done, total); });
  bar.finish();

  if (settings.json) {
    nlohmann::json out = {{"model", settings.model},
                          {"windows", report.model.windows},
                          {"model_reconstruction", scoresJson(report.model)},
                          {"baseline_zero_z", scoresJson(report.zeroZ)}};
    out["baseline_frequent_cells"] =
        report.frequentCells ? scoresJson(*report.frequentCells) : nlohmann::json();
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout
        << "evaluated " << settings.model << " on " << report.model.windows
        << " held-out 2-bar loops (encoded to the mean, decoded monophonically at thresholds 0.125..1, no "
           "noise)\n"
        << "                    onset cells          rhythm   pitch    errors on matched cells\n"
        << "                  precis recall     F1       F1   accur  velocity  dur/st  time/st\n";
    printRow("model", report.model);
    printRow("z = 0", report.zeroZ);
    if (report.frequentCells) {
      printRow("frequent cells", *report.frequentCells);
    } else {
      std::cout << "  frequent cells   (give --training with the training files for this baseline)\n";
    }
  }
  return failed ? kExitSomeFilesFailed : kExitOk;
}

}  // namespace

void addEvaluateCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<EvaluateSettings>();
  CLI::App* command = app.add_subcommand(
      "evaluate", "Score how well a model reconstructs held-out MIDI loops, beside two baselines.");
  command->add_option("model", settings->model, "a model file written by `melodyvae train`")->required();
  command
      ->add_option("paths", settings->heldOut, "held-out MIDI files and folders the model was not trained on")
      ->required();
  command->add_option("--training", settings->training,
                      "the training files and folders, for the frequent-cells baseline");
  command->add_flag("--json", settings->json, "print JSON");
  command->add_flag("-q,--quiet", settings->quiet, "no progress bar");
  command->footer(
      "Definition. Every 2-bar window of the held-out files kept by the model's loop rules (its pitch range, "
      "minimum onsets and hop) is encoded to its latent mean and decoded monophonically with the default "
      "thresholds (0.125..1), noise 0 and grid offset 0 (the onset cell is the grid cell). Onset precision, "
      "recall and F1 count (step, row) cells summed over all windows (micro-average); rhythm F1 counts steps "
      "alone; pitch accuracy is the share of steps with an onset in both where the decoded row is a true "
      "one; velocity (MIDI units), duration (sixteenth steps) and timing (the decoded offset against the "
      "true one, sixteenth steps) are mean absolute errors over the cells both have. Baselines on the same "
      "windows: decoding z = 0 for every window, and one fixed loop of the training data's most frequent "
      "cells (as many as the median training loop holds, one per step, with their mean velocity, duration "
      "and offset; needs --training).\n"
      "A progress bar shows on a terminal (not with --quiet or when stderr is not a terminal).\n"
      "Exit status: 0 evaluated; 1 evaluated but some files could not be read; 2 bad arguments, an "
      "unreadable model, or no loop to evaluate.");
  command->callback([settings, &exitStatus] { exitStatus = runEvaluate(*settings); });
}

}  // namespace melodyvae::cli
