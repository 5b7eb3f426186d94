// The training loop (docs/design.md "Training recipe"): seeded split and initial weights, Adam with a
// stepped learning-rate decay, KL warm-up, per-epoch validation in eval mode, early stopping that
// restores the best weights, and a stop request honoured within one batch.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/corpus/loop_corpus.h"
#include "core/training/epoch_report.h"
#include "core/training/training_config.h"
#include "core/training/training_error.h"
#include "core/vae/vae.h"

namespace melodyvae::training {

enum class StopReason {
  kMaxEpochs,      // ran every epoch
  kEarlyStopping,  // `patience` epochs without improvement
  kStopRequested,  // the stop flag was set
  kDiverged,       // the loss became NaN or infinite; the best weights before it are kept
};
const char* stopReasonName(StopReason reason);  // "max epochs", "early stopping", ...

struct TrainingCallbacks {
  // After each completed epoch, on the training thread. May throw to abort training (rethrown).
  std::function<void(const EpochReport&)> onEpoch;
  // After each training step: (step within the epoch, 1-based; steps per epoch).
  std::function<void(int, int)> onBatch;
};

struct TrainingResult {
  vae::Vae model;                    // the best weights and their batch-norm state
  std::vector<EpochReport> history;  // completed epochs
  int bestEpoch = 0;                 // 1-based epoch of the weights kept; 0 = stopped inside epoch 1
  double bestLoss = 0;               // its validation loss (training loss without a validation split)
  StopReason stopReason = StopReason::kMaxEpochs;
  std::size_t trainLoops = 0;
  std::size_t validationLoops = 0;
  std::vector<std::size_t> validationIndices;  // the corpus loops held out (for evaluating the model)
  std::int64_t steps = 0;                      // Adam steps taken
  double seconds = 0;
};

// Trains a new model of `shape` on `corpus`. Throws std::invalid_argument for a bad config,
// TooLittleDataError when the training split cannot fill one batch, and TrainingError when training
// ends without a single step (stopped before the first batch) or diverges before any epoch finished.
// `stop` (optional) is polled before every step; set it from any thread or a signal handler.
TrainingResult train(const corpus::LoopCorpus& corpus, const vae::ModelShape& shape,
                     const TrainingConfig& config, const TrainingCallbacks& callbacks = {},
                     const std::atomic<bool>* stop = nullptr);

// Mean loss parts of the loops `indices` in eval mode, evaluated `batchSize` loops at a time.
vae::LossParts evaluateLoops(vae::Vae& model, const corpus::LoopCorpus& corpus,
                             std::span<const std::size_t> indices, int batchSize, float klWeight);

}  // namespace melodyvae::training
