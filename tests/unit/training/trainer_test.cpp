// The trainer on a tiny synthetic corpus: determinism, the recipe's schedules, early stopping that
// restores the best weights, stop requests, too little data, and no allocation per step.
#include "core/training/trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "synthetic_corpus.h"
#include "tests/support/allocation_counter.h"

namespace melodyvae::training {
namespace {

TrainingConfig quickConfig() {
  TrainingConfig config;
  config.batchSize = 8;
  config.maxEpochs = 4;
  config.seed = 5;
  config.validationSplit = 0.2;
  return config;
}

bool sameBits(std::span<const float> a, std::span<const float> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

float largestDifference(std::span<const float> a, std::span<const float> b) {
  float largest = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    largest = std::max(largest, std::fabs(a[i] - b[i]));
  return largest;
}

TEST(Trainer, SameSeedTwiceGivesTheSameModel) {
  const corpus::LoopCorpus corpus = syntheticCorpus(60);
  const TrainingResult first = train(corpus, tinyShape(), quickConfig());
  const TrainingResult second = train(corpus, tinyShape(), quickConfig());
  EXPECT_TRUE(sameBits(first.model.parameters(), second.model.parameters()))
      << "largest difference " << largestDifference(first.model.parameters(), second.model.parameters());
  EXPECT_TRUE(sameBits(first.model.batchNormState(), second.model.batchNormState()));
  ASSERT_EQ(first.history.size(), second.history.size());
  for (std::size_t i = 0; i < first.history.size(); ++i) {
    EXPECT_EQ(first.history[i].train.total, second.history[i].train.total) << "epoch " << i + 1;
    EXPECT_EQ(first.history[i].validation.total, second.history[i].validation.total) << "epoch " << i + 1;
  }
  EXPECT_EQ(first.validationIndices, second.validationIndices);

  TrainingConfig other = quickConfig();
  other.seed = 6;
  const TrainingResult third = train(corpus, tinyShape(), other);
  EXPECT_FALSE(sameBits(first.model.parameters(), third.model.parameters())) << "another seed, another model";
}

TEST(Trainer, FollowsTheRecipesSchedulesAndSplit) {
  const corpus::LoopCorpus corpus = syntheticCorpus(100);
  TrainingConfig config = quickConfig();
  config.maxEpochs = 12;
  config.patience = 100;
  config.validationSplit = 0.1;  // 10 loops, raised to one batch (8)... 10 >= 8: stays 10
  std::vector<EpochReport> reports;
  TrainingCallbacks callbacks;
  callbacks.onEpoch = [&](const EpochReport& r) { reports.push_back(r); };
  const TrainingResult result = train(corpus, tinyShape(), config, callbacks);
  ASSERT_EQ(reports.size(), 12u);
  EXPECT_EQ(result.validationLoops, 10u);
  EXPECT_EQ(result.trainLoops, 90u);
  EXPECT_EQ(result.steps, 12 * (90 / 8));
  for (int e = 0; e < 12; ++e) {
    const EpochReport& r = reports[static_cast<std::size_t>(e)];
    EXPECT_EQ(r.epoch, e + 1);
    EXPECT_EQ(r.batches, 11);
    EXPECT_DOUBLE_EQ(r.learningRate, 1e-3f * std::pow(0.95f, e / 5)) << "epoch " << e + 1;
    EXPECT_DOUBLE_EQ(r.klWeight, std::min(1.0, e / 10.0)) << "epoch " << e + 1;
    EXPECT_TRUE(r.hasValidation);
    EXPECT_TRUE(std::isfinite(r.validation.total));
    EXPECT_GT(r.elapsedSeconds, 0.0);
  }
  EXPECT_LT(reports.back().validation.total, reports.front().validation.total) << "the model learns";
  // The validation loss reported is the full objective: recon parts + final KL weight * KL.
  const vae::LossParts& v = reports[3].validation;
  EXPECT_NEAR(v.total, v.onset + v.velocity + v.duration + v.offset + v.kl, 1e-3 * std::fabs(v.total));
}

TEST(Trainer, EarlyStoppingRestoresTheBestWeights) {
  const corpus::LoopCorpus corpus = syntheticCorpus(48);
  TrainingConfig config = quickConfig();
  config.maxEpochs = 60;
  config.patience = 3;
  config.learningRate = 0.05f;  // too high on purpose: the validation loss soon gets worse again
  config.klWarmupEpochs = 0;
  config.validationSplit = 0.25;
  const TrainingResult result = train(corpus, tinyShape(), config);
  ASSERT_EQ(result.stopReason, StopReason::kEarlyStopping);
  ASSERT_GE(result.bestEpoch, 1);
  EXPECT_EQ(result.history.size(), static_cast<std::size_t>(result.bestEpoch + config.patience));
  const double best = result.history[static_cast<std::size_t>(result.bestEpoch - 1)].validation.total;
  EXPECT_EQ(result.bestLoss, best);
  EXPECT_GT(result.history.back().validation.total, best)
      << "the last epoch was worse, so restoring mattered";
  vae::Vae model = result.model;
  const double restored =
      evaluateLoops(model, corpus, result.validationIndices, config.batchSize, config.klWeight).total;
  EXPECT_NEAR(restored, best, 1e-9 * std::fabs(best))
      << "the model holds the weights of epoch " << result.bestEpoch;
}

TEST(Trainer, StopRequestEndsWithinOneBatchAndKeepsTheBestWeights) {
  const corpus::LoopCorpus corpus = syntheticCorpus(60);
  TrainingConfig config = quickConfig();
  config.maxEpochs = 50;
  std::atomic<bool> stop{false};
  int batchesSeen = 0;
  int epochsSeen = 0;
  TrainingCallbacks callbacks;
  callbacks.onEpoch = [&](const EpochReport&) { ++epochsSeen; };
  callbacks.onBatch = [&](int, int) {
    if (++batchesSeen == 14) stop = true;  // inside epoch 3 (6 batches per epoch)
  };
  const TrainingResult result = train(corpus, tinyShape(), config, callbacks, &stop);
  EXPECT_EQ(result.stopReason, StopReason::kStopRequested);
  EXPECT_EQ(result.steps, 14) << "no step after the request";
  EXPECT_EQ(epochsSeen, 2);
  EXPECT_EQ(result.history.size(), 2u);
  ASSERT_GE(result.bestEpoch, 1);
  ASSERT_LE(result.bestEpoch, 2);
  // The model holds the best epoch's weights, not those of the 2 steps after it.
  vae::Vae evaluated = result.model;
  const double best = result.history[static_cast<std::size_t>(result.bestEpoch - 1)].validation.total;
  EXPECT_NEAR(
      evaluateLoops(evaluated, corpus, result.validationIndices, config.batchSize, config.klWeight).total,
      best, 1e-9 * std::fabs(best))
      << "restored epoch " << result.bestEpoch;
  // The model is usable: it decodes to finite probabilities.
  vae::Vae model = result.model;
  std::vector<float> planes(4 * 768);
  const float z[2] = {0.5f, -0.5f};
  model.decode(z, 1, {planes.data(), planes.data() + 768, planes.data() + 1536, planes.data() + 2304});
  for (const float value : planes) ASSERT_TRUE(std::isfinite(value));
}

TEST(Trainer, StopDuringValidationDropsTheUnfinishedEpochAndRestoresTheBest) {
  const corpus::LoopCorpus corpus = syntheticCorpus(60);
  TrainingConfig config = quickConfig();
  config.maxEpochs = 50;
  std::atomic<bool> stop{false};
  int batchesSeen = 0;
  TrainingCallbacks callbacks;
  callbacks.onBatch = [&](int, int) {
    if (++batchesSeen == 12) stop = true;  // after epoch 2's last step (6 per epoch), before its validation
  };
  const TrainingResult result = train(corpus, tinyShape(), config, callbacks, &stop);
  EXPECT_EQ(result.stopReason, StopReason::kStopRequested);
  EXPECT_EQ(result.steps, 12);
  ASSERT_EQ(result.history.size(), 1u) << "epoch 2 was not validated, so it is not reported";
  ASSERT_EQ(result.bestEpoch, 1);
  vae::Vae evaluated = result.model;
  const double best = result.history[0].validation.total;
  EXPECT_NEAR(
      evaluateLoops(evaluated, corpus, result.validationIndices, config.batchSize, config.klWeight).total,
      best, 1e-9 * std::fabs(best))
      << "the weights of epoch 1, not those after epoch 2's steps";
}

TEST(Trainer, StopInsideTheFirstEpochKeepsTheStepsTaken) {
  const corpus::LoopCorpus corpus = syntheticCorpus(60);
  std::atomic<bool> stop{false};
  TrainingCallbacks callbacks;
  callbacks.onBatch = [&](int batch, int) {
    if (batch == 2) stop = true;
  };
  const TrainingResult result = train(corpus, tinyShape(), quickConfig(), callbacks, &stop);
  EXPECT_EQ(result.steps, 2);
  EXPECT_EQ(result.bestEpoch, 0);
  EXPECT_TRUE(result.history.empty());
  const vae::Vae untrained(tinyShape(), 0);
  EXPECT_FALSE(sameBits(result.model.parameters(), untrained.parameters()));
}

TEST(Trainer, StopBeforeTheFirstStepIsAnError) {
  const corpus::LoopCorpus corpus = syntheticCorpus(60);
  const std::atomic<bool> stop{true};
  EXPECT_THROW(train(corpus, tinyShape(), quickConfig(), {}, &stop), TrainingError);
}

TEST(Trainer, TooLittleDataIsAClearError) {
  TrainingConfig config = quickConfig();  // batch 8, validation 20% (at least one batch)
  for (const std::size_t loops : {0u, 1u, 8u, 15u}) {
    const corpus::LoopCorpus corpus = syntheticCorpus(loops);
    try {
      train(corpus, tinyShape(), config);
      FAIL() << loops << " loops were accepted";
    } catch (const TooLittleDataError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find("too few to train"), std::string::npos) << message;
      EXPECT_NE(message.find("needs at least 16"), std::string::npos) << message;
    }
  }
  EXPECT_NO_THROW(train(syntheticCorpus(16), tinyShape(), config));
  config.validationSplit = 0.0;
  EXPECT_NO_THROW(train(syntheticCorpus(8), tinyShape(), config));
  EXPECT_THROW(train(syntheticCorpus(7), tinyShape(), config), TooLittleDataError);
}

TEST(Trainer, RejectsInvalidConfig) {
  const corpus::LoopCorpus corpus = syntheticCorpus(60);
  TrainingConfig config = quickConfig();
  config.batchSize = 1;
  EXPECT_THROW(train(corpus, tinyShape(), config), std::invalid_argument);
  config = quickConfig();
  config.learningRate = -1.0f;
  EXPECT_THROW(train(corpus, tinyShape(), config), std::invalid_argument);
  config = quickConfig();
  config.validationSplit = 0.9;
  EXPECT_THROW(train(corpus, tinyShape(), config), std::invalid_argument);
}

TEST(Trainer, TrainingStepsDoNotAllocate) {
  const corpus::LoopCorpus corpus = syntheticCorpus(60);
  TrainingConfig config = quickConfig();
  config.maxEpochs = 2;
  std::size_t last = 0;
  std::size_t allocatingSteps = 0;
  int steps = 0;
  TrainingCallbacks callbacks;
  callbacks.onBatch = [&](int batch, int) {
    const std::size_t now = melodyvae::testing::allocationCount();
    if (batch > 1 && now != last) ++allocatingSteps;  // between two steps of the same epoch
    last = melodyvae::testing::allocationCount();
    ++steps;
  };
  train(corpus, tinyShape(), config, callbacks);
  EXPECT_EQ(allocatingSteps, 0u) << "of " << steps << " steps";
}

}  // namespace
}  // namespace melodyvae::training
