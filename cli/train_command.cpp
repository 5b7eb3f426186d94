// `melodyvae train <files|folders>... -o model.safetensors`: loads the loops of MIDI files, trains the VAE
// with the recipe of docs/design.md (every knob an option), shows progress, and saves the best model.
// Ctrl-C stops training and still saves the best weights so far.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/model_loading.h"
#include "cli/number_text.h"
#include "cli/progress_bar.h"
#include "cli/progress_line.h"
#include "cli/stop_on_interrupt.h"
#include "cli/train_recipe.h"
#include "cli/training_plot.h"
#include "core/corpus/midi_collection.h"
#include "core/modelfile/model_file.h"
#include "core/training/trainer.h"
#include "core/training/training_metadata.h"

namespace melodyvae::cli {
namespace {

struct TrainSettings {
  std::vector<std::string> inputs;
  std::string output;
  corpus::CollectionOptions collection;
  training::TrainingConfig config;
  vae::ModelShape shape;
  bool quiet = false;
  std::string recipe = "default";
  bool plot = false;     // --plot given
  std::string plotPath;  // its value; empty = defaultPlotPath(output)
};

modelfile::Representation representationOf(const TrainSettings& settings) {
  modelfile::Representation representation;
  representation.lowestPitch = settings.collection.loops.lowestPitch;
  representation.minOnsets = settings.collection.loops.minOnsets;
  representation.hopSteps = settings.collection.loops.hopSteps;
  representation.augmented = settings.collection.augment;
  return representation;
}

// Loads the loops; reports unreadable files on stderr. Returns true when some input failed.
bool loadLoops(const TrainSettings& settings, corpus::LoopCorpus& loops) {
  const std::vector<std::filesystem::path> inputs(settings.inputs.begin(), settings.inputs.end());
  ProgressBar bar(std::cerr, !settings.quiet && ProgressLine::isTerminal(std::cerr), "reading");
  corpus::CollectionOptions options = settings.collection;
  options.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  const corpus::CollectionReport report = corpus::loadMidiCollection(inputs, options, loops);
  bar.finish();
  for (const corpus::InputProblem& problem : report.inputProblems)
    std::cerr << "melodyvae: " << problem.reason << "\n";
  for (const corpus::FileReport& file : report.files) {
    if (!file.readable)
      std::cerr << "melodyvae: skipped '" << file.path.string() << "': " << file.error << "\n";
  }
  if (report.readableFiles() == 0) {
    throw CommandError("no MIDI file could be read from the inputs given; nothing to train on");
  }
  if (!settings.quiet) {
    std::cout << "read " << report.readableFiles() << " MIDI file" << (report.readableFiles() == 1 ? "" : "s")
              << ": " << report.totalLoopsKept() << " loops";
    if (settings.collection.augment)
      std::cout << " + " << report.totalAugmentedLoops() << " transposed copies";
    std::cout << " (" << report.totalDroppedTooFewOnsets() << " windows with "
              << settings.collection.loops.minOnsets << " onsets or fewer dropped)\n";
  }
  if (loops.empty()) {
    throw CommandError("the files hold no 2-bar loop with more than " +
                       std::to_string(settings.collection.loops.minOnsets) +
                       " onsets; lower --min-onsets or add files with more notes (see `melodyvae inspect`)");
  }
  return report.unreadableFiles() > 0 || !report.inputProblems.empty();
}

void printSummary(const training::TrainingResult& result, const std::string& output) {
  std::cout << "stopped: " << training::stopReasonName(result.stopReason) << " after "
            << result.history.size() << " epoch" << (result.history.size() == 1 ? "" : "s") << " ("
            << result.steps << " steps, " << formatDuration(result.seconds) << ")\n";
  if (result.bestEpoch > 0) {
    const training::EpochReport& best = result.history[static_cast<std::size_t>(result.bestEpoch - 1)];
    std::cout << "best epoch " << result.bestEpoch << ": "
              << (best.hasValidation ? "validation loss " + fixedDecimals(best.validation.total, 3)
                                     : "training loss " + fixedDecimals(best.train.total, 3))
              << " (first epoch: "
              << fixedDecimals(result.history.front().hasValidation ? result.history.front().validation.total
                                                                    : result.history.front().train.total,
                               3)
              << ")\n";
  } else {
    std::cout << "stopped inside the first epoch: the model holds the " << result.steps << " steps taken\n";
  }
  std::cout << "trained on " << result.trainLoops << " loops, validated on " << result.validationLoops << "\n"
            << "wrote " << output << "\n";
}

// Saves the trained model to `output`; when that fails (disk full, folder gone), saves it under a rescue
// name in the current folder or the temporary folder, so a finished run is never lost, and says where.
void saveTrainedModel(const std::string& output, const training::TrainingResult& result,
                      const modelfile::ModelMetadata& metadata) {
  const DeferInterrupts saving;  // Ctrl-C now would lose the run: it takes effect after the save
  try {
    modelfile::saveModel(output, result.model, metadata);
    return;
  } catch (const modelfile::ModelFileError& error) {
    const std::string rescueName =
        "melodyvae-rescued-" + std::to_string(static_cast<long>(::getpid())) + ".safetensors";
    std::error_code ignored;
    for (const std::filesystem::path& folder :
         {std::filesystem::current_path(ignored), std::filesystem::temp_directory_path(ignored)}) {
      if (folder.empty()) continue;
      const std::filesystem::path rescue = folder / rescueName;
      try {
        modelfile::saveModel(rescue, result.model, metadata);
      } catch (const modelfile::ModelFileError&) {
        continue;  // try the next folder
      }
      throw CommandError(std::string(error.what()) + "\nthe trained model was saved instead to '" +
                         rescue.string() + "'; move it where you want it");
    }
    throw CommandError(std::string(error.what()) +
                       "\nno rescue copy could be written either; the trained model is lost");
  }
}

int runTrain(const TrainSettings& settings) {
  checkOutputPath(settings.output, "-o");
  for (const std::string& input : settings.inputs) checkNotOverwriting(settings.output, input, "an input");
  corpus::LoopCorpus loops(settings.collection.loops.lowestPitch);
  const bool someInputsFailed = loadLoops(settings, loops);

  ProgressLine progress(std::cerr, ProgressLine::isTerminal(std::cerr));
  training::TrainingCallbacks callbacks;
  if (!settings.quiet) {
    callbacks.onEpoch = [&progress](const training::EpochReport& report) { progress.epoch(report); };
    callbacks.onBatch = [&progress](int step, int steps) { progress.batch(step, steps); };
  }
  std::optional<TrainingPlot> plot;
  if (settings.plot) {
    plot.emplace(settings.plotPath.empty() ? defaultPlotPath(settings.output) : settings.plotPath,
                 "Training " + std::filesystem::path(settings.output).filename().string());
    callbacks.onEpoch = [&plot, shown = callbacks.onEpoch](const training::EpochReport& report) {
      if (shown) shown(report);
      plot->add(report);
    };
  }
  const StopOnInterrupt interrupt;  // until the model is saved
  training::TrainingResult result = [&] {
    try {
      training::TrainingResult trained = training::train(loops, settings.shape, settings.config, callbacks,
                                                         &StopOnInterrupt::stopRequested());
      progress.finish();
      return trained;
    } catch (const training::TooLittleDataError& error) {
      progress.finish();
      throw CommandError(std::string(error.what()) +
                         " (options: --augment, --batch-size, --validation-split)");
    } catch (const training::TrainingError& error) {
      progress.finish();
      throw CommandError(error.what());
    } catch (const std::invalid_argument& error) {
      progress.finish();
      throw CommandError(error.what());
    }
  }();
  if (result.stopReason == training::StopReason::kStopRequested) {
    std::cerr << "melodyvae: stopped by Ctrl-C; saving the best weights so far\n";
  }

  modelfile::ModelMetadata metadata =
      training::trainingMetadata(settings.config, result, representationOf(settings));
  metadata.createdBy = "melodyvae train";
  training::recordTrainingKey(loops, metadata);
  saveTrainedModel(settings.output, result, metadata);
  if (!settings.quiet) printSummary(result, settings.output);
  if (plot && !settings.quiet) std::cout << "plot: " << plot->path() << "\n";
  return someInputsFailed ? kExitSomeFilesFailed : kExitOk;
}

}  // namespace

void addTrainCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<TrainSettings>();
  training::TrainingConfig& config = settings->config;
  CLI::App* command = app.add_subcommand(
      "train", "Train a model on the 2-bar loops of MIDI files and save it (Ctrl-C stops and still saves).");
  command
      ->add_option("paths", settings->inputs,
                   "MIDI files and folders; folders are searched recursively for .mid/.midi in any case")
      ->required();
  command->add_option("-o,--output", settings->output, "the model file to write, e.g. model.safetensors")
      ->required();
  command
      ->add_option("--epochs", config.maxEpochs, "at most this many epochs (early stopping may end sooner)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--batch-size", config.batchSize, "loops per training step")
      ->check(CLI::Range(2, 65536))
      ->capture_default_str();
  command->add_option("--learning-rate", config.learningRate, "Adam's learning rate at the start")
      ->check(CLI::Range(1e-7, 1.0))
      ->capture_default_str();
  command
      ->add_option("--lr-decay", config.learningRateDecay,
                   "factor applied to the learning rate every --lr-decay-every epochs")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();
  command
      ->add_option("--lr-decay-every", config.learningRateDecayEvery, "epochs between learning-rate decays")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--kl-weight", config.klWeight, "final weight of the KL term")
      ->check(CLI::Range(0.0, 1000.0))
      ->capture_default_str();
  command->add_option("--kl-warmup", config.klWarmupEpochs, "epochs over which the KL weight rises from 0")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  command
      ->add_option("--validation-split", config.validationSplit,
                   "share of loops held out to validate each epoch (at least one batch; 0 = none)")
      ->check(CLI::Range(0.0, 0.5))
      ->capture_default_str();
  command
      ->add_option("--patience", config.patience,
                   "stop after this many epochs without a better validation loss")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command
      ->add_option("--seed", config.seed,
                   "seed of weights, split, shuffling and noise: same seed, same model")
      ->capture_default_str();
  command->add_option("--latent", settings->shape.latent, "size of the latent space (2 = the XY pad)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command
      ->add_option("--min-onsets", settings->collection.loops.minOnsets,
                   "keep a 2-bar window when it has MORE than this many onsets")
      ->check(CLI::Range(0, 767))
      ->capture_default_str();
  command
      ->add_option("--lowest-pitch", settings->collection.loops.lowestPitch,
                   "MIDI pitch of the lowest of the 24 rows (48 = C3: rows C3..B4)")
      ->check(CLI::Range(0, 104))
      ->capture_default_str();
  command
      ->add_option("--hop", settings->collection.loops.hopSteps,
                   "sixteenth steps between window starts (32 = disjoint, 16 = overlapping windows)")
      ->check(CLI::Range(1, 32))
      ->capture_default_str();
  command->add_flag("--augment", settings->collection.augment,
                    "add transposed copies (-12, -7, -5, +5, +7, +12 semitones) that stay in range");
  command->add_flag("-q,--quiet", settings->quiet, "no progress and no summary");
  addRecipeOption(*command, settings->recipe);
  CLI::Option* plot = command
                          ->add_option("--plot", settings->plotPath,
                                       "rewrite an SVG plot of the losses after every epoch (default path: "
                                       "beside the model, model-loss.svg)")
                          ->expected(0, 1);
  command->footer(
      "Progress goes to stderr (one line rewritten in place on a terminal, one line per epoch otherwise); "
      "the summary to stdout.\nExit status: 0 trained and saved; 1 trained and saved, but some inputs could "
      "not be read; 2 bad arguments, too little data, or the model could not be saved.");
  command->callback([settings, command, plot, &exitStatus] {
    applyRecipeOption(*command, settings->recipe, settings->config, settings->shape);
    settings->plot = plot->count() > 0;
    exitStatus = runTrain(*settings);
  });
}

}  // namespace melodyvae::cli
