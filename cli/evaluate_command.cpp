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
#include "core/evaluation/melody_sets.h"
#include "core/evaluation/reconstruction.h"

namespace melodyvae::cli {
namespace {

struct EvaluateSettings {
  std::string model;
  std::vector<std::string> heldOut;
  std::vector<std::string> training;
  bool json = false;
  bool quiet = false;
  int generated = 200;  // melodies drawn from the prior for the comparison with the training melodies
  std::uint64_t seed = 1;
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

nlohmann::json featuresJson(const std::vector<evaluation::FeatureComparison>& features) {
  nlohmann::json out = nlohmann::json::array();
  for (const evaluation::FeatureComparison& f : features) {
    nlohmann::json entry = {{"feature", f.name},
                            {"intraSetDistance", f.intraMean},
                            {"interSetDistance", f.interMean},
                            {"overlapArea", f.overlapArea},
                            {"klDivergence", f.klDivergence}};
    if (f.referenceMean) entry["trainingMean"] = *f.referenceMean;
    if (f.generatedMean) entry["generatedMean"] = *f.generatedMean;
    out.push_back(entry);
  }
  return out;
}

void printFeatures(const std::vector<evaluation::FeatureComparison>& features, std::size_t training,
                   int generated) {
  std::printf(
      "generated melodies against the training melodies (%d drawn from N(0, 1), %zu training loops; Yang "
      "& Lerch 2018):\n",
      generated, training);
  std::printf("  %-24s %9s %9s %9s %9s %8s %8s\n", "feature", "training", "generated", "intra", "inter",
              "overlap", "KL");
  for (const evaluation::FeatureComparison& f : features) {
    char means[2][16] = {"-", "-"};
    if (f.referenceMean) std::snprintf(means[0], sizeof means[0], "%.2f", *f.referenceMean);
    if (f.generatedMean) std::snprintf(means[1], sizeof means[1], "%.2f", *f.generatedMean);
    std::printf("  %-24s %9s %9s %9.3f %9.3f %8.3f %8.3f\n", f.name.c_str(), means[0], means[1], f.intraMean,
                f.interMean, f.overlapArea, f.klDivergence);
  }
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
  std::vector<evaluation::FeatureComparison> features;
  std::size_t trainingSample = 0;
  if (training) {
    const std::vector<loops::Loop> reference = evaluation::spreadSample(*training, 200);
    trainingSample = reference.size();
    if (reference.size() >= 2) {
      const std::vector<loops::Loop> drawn =
          evaluation::generateFromPrior(loaded.model, settings.generated, settings.seed);
      features = evaluation::compareMelodySets(reference, drawn, representation.lowestPitch);
    }
  }

  if (settings.json) {
    nlohmann::json out = {{"model", settings.model},
                          {"windows", report.model.windows},
                          {"model_reconstruction", scoresJson(report.model)},
                          {"baseline_zero_z", scoresJson(report.zeroZ)}};
    out["baseline_frequent_cells"] =
        report.frequentCells ? scoresJson(*report.frequentCells) : nlohmann::json();
    out["generated_vs_training"] = features.empty() ? nlohmann::json()
                                                    : nlohmann::json{{"generated", settings.generated},
                                                                     {"trainingLoops", trainingSample},
                                                                     {"seed", settings.seed},
                                                                     {"features", featuresJson(features)}};
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
    if (!features.empty()) {
      std::cout << "\n";
      printFeatures(features, trainingSample, settings.generated);
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
  command
      ->add_option("--generated", settings->generated,
                   "melodies drawn from the prior to compare with training")
      ->check(CLI::Range(2, 5000))
      ->capture_default_str();
  command->add_option("--seed", settings->seed, "seed for the generated melodies")->capture_default_str();
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
      "With --training, also how close melodies generated from z ~ N(0, 1) (--generated, default 200, "
      "generate's defaults) are to up to 200 training loops, with the metrics of Yang and Lerch (2018): "
      "pitch count, pitch-class histogram, pitch-class transition matrix, pitch range, average pitch "
      "interval, note count, inter-onset interval (steps) and note-length histogram; per feature the mean "
      "intra-set distance of the training loops, the mean inter-set distance, and the overlapped area and "
      "KL divergence of their Gaussian kernel densities (Scott's bandwidth, integrated on one shared grid). "
      "Higher overlap and lower KL: closer to the training melodies.\n"
      "A progress bar shows on a terminal (not with --quiet or when stderr is not a terminal).\n"
      "Exit status: 0 evaluated; 1 evaluated but some files could not be read; 2 bad arguments, an "
      "unreadable model, or no loop to evaluate.");
  command->callback([settings, &exitStatus] { exitStatus = runEvaluate(*settings); });
}

}  // namespace melodyvae::cli
