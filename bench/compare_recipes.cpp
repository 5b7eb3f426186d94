// Measures the claim that the default recipe converges faster than a plain one (core/training/recipe.h):
// trains the same loops with the same seeds and the same validation split under both, and reports, per
// seed, the epoch and seconds at which the default recipe first reaches the plain recipe's best
// validation loss. Validation losses compare directly: both are evaluated in eval mode with KL weight 1.
//   compare_recipes [FOLDER] [--seeds 1,2,3] [--epochs 40] [--validation-split 0.15] [--threads 2]
// FOLDER defaults to data/melodies/freedoom_mono. The split must hold at least 128 loops (the plain
// recipe's batch), or batch size would change how many loops are held out; the program refuses otherwise.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/corpus/midi_collection.h"
#include "core/nn/worker_pool.h"
#include "core/training/data_split.h"
#include "core/training/recipe.h"
#include "core/training/trainer.h"

namespace {

using namespace melodyvae;

struct Options {
  std::filesystem::path folder = "data/melodies/freedoom_mono";
  std::vector<std::uint64_t> seeds = {1, 2, 3};
  int epochs = 40;
  double validationSplit = 0.15;
  int threads = 2;
};

struct Run {
  std::vector<training::EpochReport> history;
  std::vector<std::size_t> validation;
};

Run trainUnder(training::Recipe recipe, const corpus::LoopCorpus& loops, const Options& options,
               std::uint64_t seed) {
  training::TrainingConfig config;
  config.maxEpochs = options.epochs;
  config.validationSplit = options.validationSplit;
  config.seed = seed;
  vae::ModelShape shape;
  training::applyRecipe(recipe, config, shape);
  training::TrainingResult result = training::train(loops, shape, config);
  return {std::move(result.history), std::move(result.validationIndices)};
}

// The first epoch whose validation loss is at most `target` (nullopt: none in the run).
std::optional<training::EpochReport> firstReaching(const std::vector<training::EpochReport>& history,
                                                   double target) {
  for (const training::EpochReport& report : history) {
    if (report.validation.total <= target) return report;
  }
  return std::nullopt;
}

const training::EpochReport& bestOf(const std::vector<training::EpochReport>& history) {
  return *std::min_element(history.begin(), history.end(), [](const auto& a, const auto& b) {
    return a.validation.total < b.validation.total;
  });
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::vector<std::uint64_t> parseSeeds(const std::string& text) {
  std::vector<std::uint64_t> seeds;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) seeds.push_back(std::stoull(item));
  if (seeds.empty()) throw std::invalid_argument("--seeds needs numbers separated by commas, e.g. 1,2,3");
  return seeds;
}

Options parseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--seeds") {
      options.seeds = parseSeeds(value());
    } else if (arg == "--epochs") {
      options.epochs = std::stoi(value());
    } else if (arg == "--validation-split") {
      options.validationSplit = std::stod(value());
    } else if (arg == "--threads") {
      options.threads = std::stoi(value());
    } else if (!arg.empty() && arg[0] != '-') {
      options.folder = arg;
    } else {
      throw std::invalid_argument("unknown argument '" + arg +
                                  "' (see the top of bench/compare_recipes.cpp)");
    }
  }
  return options;
}

int compare(const Options& options) {
  nn::setWorkerThreads(options.threads);
  corpus::LoopCorpus loops(48);
  const std::filesystem::path inputs[] = {options.folder};
  const corpus::CollectionReport report = corpus::loadMidiCollection(inputs, {}, loops);
  if (loops.empty()) throw std::invalid_argument("no loops in '" + options.folder.string() + "'");
  const std::size_t held = training::validationCount(loops.size(), options.validationSplit, 2);
  if (held < static_cast<std::size_t>(training::kPlainBatchSize)) {
    throw std::invalid_argument("a validation split of " + std::to_string(options.validationSplit) +
                                " holds " + std::to_string(held) + " of " + std::to_string(loops.size()) +
                                " loops, fewer than the plain recipe's batch of 128, which would enlarge its "
                                "split; raise --validation-split");
  }
  std::printf("%zu loops from %zu files in %s; %zu held out for validation; %d epochs at most, %d threads\n",
              loops.size(), report.readableFiles(), options.folder.string().c_str(), held, options.epochs,
              options.threads);
  std::printf(
      "seed | plain best val (epoch, s) | default reaches it (epoch, s) | default best val (epoch) | "
      "epochs saved | seconds saved\n");
  std::vector<double> epochSavings, secondSavings;
  int never = 0;
  for (std::size_t k = 0; k < options.seeds.size(); ++k) {
    const std::uint64_t seed = options.seeds[k];
    // Alternate which recipe runs first, so a drift in the machine's load favours neither.
    Run plain, standard;
    if (k % 2 == 0) {
      plain = trainUnder(training::Recipe::kPlain, loops, options, seed);
      standard = trainUnder(training::Recipe::kDefault, loops, options, seed);
    } else {
      standard = trainUnder(training::Recipe::kDefault, loops, options, seed);
      plain = trainUnder(training::Recipe::kPlain, loops, options, seed);
    }
    if (plain.validation != standard.validation) {
      throw std::logic_error("seed " + std::to_string(seed) + ": the two recipes held out different loops");
    }
    const training::EpochReport& target = bestOf(plain.history);
    const training::EpochReport& ownBest = bestOf(standard.history);
    const std::optional<training::EpochReport> reached =
        firstReaching(standard.history, target.validation.total);
    char reachedText[64] = "never";
    char savedText[64] = "-";
    char secondsText[64] = "-";
    if (reached) {
      const double epochsSaved = 100.0 * (1.0 - static_cast<double>(reached->epoch) / target.epoch);
      const double secondsSaved = 100.0 * (1.0 - reached->elapsedSeconds / target.elapsedSeconds);
      epochSavings.push_back(epochsSaved);
      secondSavings.push_back(secondsSaved);
      std::snprintf(reachedText, sizeof reachedText, "%d, %.1f", reached->epoch, reached->elapsedSeconds);
      std::snprintf(savedText, sizeof savedText, "%+.0f%%", epochsSaved);
      std::snprintf(secondsText, sizeof secondsText, "%+.0f%%", secondsSaved);
    } else {
      ++never;
    }
    std::printf("%4llu | %.2f (%d, %.1f) | %s | %.2f (%d of %zu run) | %s | %s\n",
                static_cast<unsigned long long>(seed), target.validation.total, target.epoch,
                target.elapsedSeconds, reachedText, ownBest.validation.total, ownBest.epoch,
                standard.history.size(), savedText, secondsText);
    std::fflush(stdout);
  }
  if (!epochSavings.empty()) {
    std::printf(
        "median over %zu seed(s) where the default recipe reached the target: epochs saved %+.0f%%, "
        "seconds saved %+.0f%% (negative = slower)\n",
        epochSavings.size(), median(epochSavings), median(secondSavings));
  }
  if (never > 0) std::printf("%d seed(s): the default recipe never reached the target\n", never);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return compare(parseOptions(argc, argv));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "compare_recipes: %s\n", error.what());
    return 1;
  }
}
