// The training loop.
#include "core/training/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "core/training/batch_buffer.h"
#include "core/training/data_split.h"

namespace melodyvae::training {
namespace {

// Seed streams: one per source of randomness, so changing how one is used leaves the others alone.
constexpr std::uint64_t kInitStream = 0;
constexpr std::uint64_t kSplitStream = 1;
constexpr std::uint64_t kShuffleStream = 2;
constexpr std::uint64_t kNoiseStream = 3;

void accumulate(vae::LossParts& sum, const vae::LossParts& part, double weight) {
  sum.onset += weight * part.onset;
  sum.velocity += weight * part.velocity;
  sum.duration += weight * part.duration;
  sum.offset += weight * part.offset;
  sum.kl += weight * part.kl;
  sum.total += weight * part.total;
}

// The objective with the final KL weight, so that epochs during the warm-up compare fairly.
double fullObjective(const vae::LossParts& loss, double klWeight) {
  return loss.onset + loss.velocity + loss.duration + loss.offset + klWeight * loss.kl;
}

// The model's parameters and batch-norm state at its best epoch (allocated once).
struct Snapshot {
  std::vector<float> parameters;
  std::vector<float> batchNorm;

  void save(const vae::Vae& model) {
    std::copy(model.parameters().begin(), model.parameters().end(), parameters.begin());
    std::copy(model.batchNormState().begin(), model.batchNormState().end(), batchNorm.begin());
  }
  void restore(vae::Vae& model) const {
    std::copy(parameters.begin(), parameters.end(), model.parameters().begin());
    std::copy(batchNorm.begin(), batchNorm.end(), model.batchNormState().begin());
  }
};

}  // namespace

const char* stopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::kMaxEpochs:
      return "max epochs";
    case StopReason::kEarlyStopping:
      return "early stopping";
    case StopReason::kStopRequested:
      return "stop requested";
    case StopReason::kDiverged:
      return "diverged";
  }
  return "?";
}

namespace {

bool stopRequested(const std::atomic<bool>* stop) {
  return stop != nullptr && stop->load(std::memory_order_relaxed);
}

// Mean loss over `indices`, in chunks of `batchSize`. Returns nullopt when `stop` is set before a chunk,
// so that a stop request takes effect within one batch during validation too.
std::optional<vae::LossParts> evaluateWith(BatchBuffer& buffer, vae::Vae& model,
                                           const corpus::LoopCorpus& corpus,
                                           std::span<const std::size_t> indices, int batchSize,
                                           float klWeight, const std::atomic<bool>* stop) {
  vae::LossParts mean;
  const auto batch = static_cast<std::size_t>(batchSize);
  for (std::size_t start = 0; start < indices.size(); start += batch) {
    if (stopRequested(stop)) return std::nullopt;
    const std::span<const std::size_t> chunk =
        indices.subspan(start, std::min(batch, indices.size() - start));
    const vae::LossParts part = model.evaluate(buffer.fill(corpus, chunk), klWeight);
    accumulate(mean, part, static_cast<double>(chunk.size()) / static_cast<double>(indices.size()));
  }
  return mean;
}

}  // namespace

vae::LossParts evaluateLoops(vae::Vae& model, const corpus::LoopCorpus& corpus,
                             std::span<const std::size_t> indices, int batchSize, float klWeight) {
  BatchBuffer buffer(batchSize);
  return *evaluateWith(buffer, model, corpus, indices, batchSize, klWeight, nullptr);
}

TrainingResult train(const corpus::LoopCorpus& corpus, const vae::ModelShape& shape,
                     const TrainingConfig& config, const TrainingCallbacks& callbacks,
                     const std::atomic<bool>* stop) {
  validateTrainingConfig(config);
  const auto start = std::chrono::steady_clock::now();
  const auto secondsSince = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };

  Shuffler splitShuffler(deriveSeed(config.seed, kSplitStream));
  DataSplit split = splitLoops(corpus.size(), config.validationSplit, config.batchSize, splitShuffler);
  Shuffler shuffler(deriveSeed(config.seed, kShuffleStream));
  vae::RandomNoise noise(deriveSeed(config.seed, kNoiseStream));

  vae::Vae model(shape, deriveSeed(config.seed, kInitStream));
  model.reserve(config.batchSize);
  vae::Adam adam(model.parameters().size(), config.adam);
  BatchBuffer buffer(config.batchSize);
  BatchBuffer validationBuffer(config.batchSize);
  Snapshot best{std::vector<float>(model.parameters().size()),
                std::vector<float>(model.batchNormState().size())};

  const auto batch = static_cast<std::size_t>(config.batchSize);
  const int batchesPerEpoch =
      static_cast<int>(split.train.size() / batch);  // a partial last batch is dropped
  std::vector<EpochReport> history;
  int bestEpoch = 0;
  double bestLoss = std::numeric_limits<double>::infinity();
  int sinceImprovement = 0;
  std::int64_t steps = 0;
  StopReason reason = StopReason::kMaxEpochs;

  for (int epoch = 0; epoch < config.maxEpochs; ++epoch) {
    const double learningRate = learningRateAt(config, epoch);
    const double klWeight = klWeightAt(config, epoch);
    shuffler.shuffle(split.train);
    vae::LossParts trainLoss;
    bool interrupted = false;
    for (int b = 0; b < batchesPerEpoch; ++b) {
      if (stopRequested(stop)) {
        reason = StopReason::kStopRequested;
        interrupted = true;
        break;
      }
      const std::span<const std::size_t> indices(split.train.data() + static_cast<std::size_t>(b) * batch,
                                                 batch);
      // Forward, backward and Adam in one pass (each layer updated as soon as backward is past it).
      const vae::LossParts part = model.trainStep(buffer.fill(corpus, indices), static_cast<float>(klWeight),
                                                  noise, adam, static_cast<float>(learningRate));
      if (!std::isfinite(part.total)) {
        reason = StopReason::kDiverged;
        interrupted = true;
        break;
      }
      ++steps;
      accumulate(trainLoss, part, 1.0 / batchesPerEpoch);
      if (callbacks.onBatch) callbacks.onBatch(b + 1, batchesPerEpoch);
    }
    if (interrupted) break;

    EpochReport report;
    report.epoch = epoch + 1;
    report.maxEpochs = config.maxEpochs;
    report.batches = batchesPerEpoch;
    report.train = trainLoss;
    report.learningRate = learningRate;
    report.klWeight = klWeight;
    double monitored = fullObjective(trainLoss, config.klWeight);
    if (!split.validation.empty()) {
      const std::optional<vae::LossParts> validation = evaluateWith(
          validationBuffer, model, corpus, split.validation, config.batchSize, config.klWeight, stop);
      if (!validation) {  // stopped while validating: this epoch is unfinished, like one stopped mid-way
        reason = StopReason::kStopRequested;
        break;
      }
      report.validation = *validation;
      report.hasValidation = true;
      monitored = report.validation.total;
    }
    if (!std::isfinite(monitored)) {
      reason = StopReason::kDiverged;
      break;
    }
    report.improved = monitored < bestLoss;
    if (report.improved) {
      bestLoss = monitored;
      bestEpoch = epoch + 1;
      best.save(model);
      sinceImprovement = 0;
    } else {
      ++sinceImprovement;
    }
    report.epochsWithoutImprovement = sinceImprovement;
    report.elapsedSeconds = secondsSince();
    report.etaSeconds = report.elapsedSeconds / (epoch + 1) * (config.maxEpochs - epoch - 1);
    history.push_back(report);
    if (callbacks.onEpoch) callbacks.onEpoch(report);
    if (sinceImprovement >= config.patience) {
      reason = StopReason::kEarlyStopping;
      break;
    }
  }

  if (steps == 0) {
    throw TrainingError("training was stopped before its first step: there is no trained model");
  }
  if (bestEpoch > 0) {
    best.restore(model);
  } else if (reason == StopReason::kDiverged) {
    throw TrainingError("the loss became NaN or infinite in the first epoch: try a lower learning rate");
  } else {
    // Stopped inside the first epoch: the weights trained so far are the only (and so the best) ones.
    // Not evaluated, so that a stop takes effect within one batch.
    bestLoss = std::numeric_limits<double>::quiet_NaN();
  }

  const std::size_t trainLoops = split.train.size();
  const std::size_t validationLoops = split.validation.size();
  return TrainingResult{
      std::move(model), std::move(history),          bestEpoch, bestLoss,      reason, trainLoops,
      validationLoops,  std::move(split.validation), steps,     secondsSince()};
}

}  // namespace melodyvae::training
