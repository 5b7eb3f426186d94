// The recipe's schedules, JSON round trip, the split, and the metadata written for the model file.
#include "core/training/training_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "core/training/data_split.h"
#include "core/training/training_metadata.h"
#include "synthetic_corpus.h"

namespace melodyvae::training {
namespace {

TEST(TrainingConfig, DefaultsAreTheRecipe) {
  const TrainingConfig config;
  EXPECT_EQ(config.batchSize, 64);
  EXPECT_EQ(config.maxEpochs, 100);
  EXPECT_FLOAT_EQ(config.learningRate, 1e-3f);
  EXPECT_NEAR(learningRateAt(config, 4), 1e-3, 1e-9);
  EXPECT_NEAR(learningRateAt(config, 5), 0.95e-3, 1e-9);
  EXPECT_NEAR(learningRateAt(config, 12), 1e-3 * 0.95 * 0.95, 1e-9);
  EXPECT_DOUBLE_EQ(klWeightAt(config, 0), 0.0);
  EXPECT_DOUBLE_EQ(klWeightAt(config, 5), 0.5);
  EXPECT_DOUBLE_EQ(klWeightAt(config, 10), 1.0);
  EXPECT_DOUBLE_EQ(klWeightAt(config, 50), 1.0);
  EXPECT_EQ(config.patience, 15);
  EXPECT_DOUBLE_EQ(config.validationSplit, 0.1);
}

TEST(TrainingConfig, JsonRoundTripKeepsEveryKnob) {
  TrainingConfig config;
  config.batchSize = 32;
  config.maxEpochs = 7;
  config.learningRate = 2e-3f;
  config.learningRateDecay = 0.5f;
  config.learningRateDecayEvery = 3;
  config.klWeight = 0.5f;
  config.klWarmupEpochs = 4;
  config.validationSplit = 0.2;
  config.patience = 9;
  config.seed = 1234567890123ULL;
  config.adam.beta1 = 0.8f;
  config.adam.beta2 = 0.99f;
  config.adam.epsilon = 1e-8f;
  const TrainingConfig back = trainingConfigFromJson(trainingConfigToJson(config));
  EXPECT_EQ(trainingConfigToJson(back), trainingConfigToJson(config));
  EXPECT_THROW(trainingConfigFromJson(nlohmann::json{{"batchSize", 3}}), std::invalid_argument);
}

// Expects trainingConfigFromJson to throw std::invalid_argument whose text contains `expected`.
void expectRecipeRefused(const nlohmann::json& recipe, const std::string& expected) {
  try {
    trainingConfigFromJson(recipe);
    FAIL() << "accepted " << recipe.dump() << "; expected an error containing '" << expected << "'";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
  }
}

nlohmann::json recipeWith(const char* field, const nlohmann::json& value) {
  nlohmann::json recipe = trainingConfigToJson(TrainingConfig{});
  recipe[field] = value;
  return recipe;
}

TEST(TrainingConfig, FromJsonRefusesNumbersThatDoNotFitTheirField) {
  // Integers: no cast of 1e300 or 2.5 into an int.
  for (const char* field :
       {"batchSize", "maxEpochs", "learningRateDecayEvery", "klWarmupEpochs", "patience"}) {
    for (const nlohmann::json& value :
         {nlohmann::json(1e300), nlohmann::json(-1e300), nlohmann::json(2.5), nlohmann::json(2147483648.0),
          nlohmann::json("NaN"), nlohmann::json("64"), nlohmann::json(nullptr)}) {
      expectRecipeRefused(recipeWith(field, value), std::string("training recipe: '") + field + "' is " +
                                                        value.dump() + ", not an integer in -2147483648..");
    }
  }
  // In int range but outside the knob's range: validation names the knob.
  expectRecipeRefused(recipeWith("batchSize", -1), "training recipe: batch size is -1");
  expectRecipeRefused(recipeWith("maxEpochs", -1), "training recipe: epochs is -1");
  expectRecipeRefused(recipeWith("klWarmupEpochs", -1), "training recipe: KL warm-up is -1");
  // Floats: no cast of 1e300 into a float.
  for (const char* field : {"learningRate", "learningRateDecay", "klWeight", "adamBeta1", "adamEpsilon"}) {
    for (const nlohmann::json& value : {nlohmann::json(1e300), nlohmann::json(-1e300), nlohmann::json("NaN"),
                                        nlohmann::json("inf"), nlohmann::json(nullptr)}) {
      expectRecipeRefused(recipeWith(field, value), std::string("training recipe: '") + field + "' is " +
                                                        value.dump() + ", not a finite number");
    }
  }
  expectRecipeRefused(recipeWith("validationSplit", "NaN"),
                      "'validationSplit' is \"NaN\", not a finite number");
  expectRecipeRefused(recipeWith("learningRate", -1), "training recipe: learning rate is -1");
  // The seed: any uint64, nothing else.
  for (const nlohmann::json& value :
       {nlohmann::json(-1), nlohmann::json(2.5), nlohmann::json(1e300),
        nlohmann::json(18446744073709551616.0), nlohmann::json("NaN"), nlohmann::json(nullptr)}) {
    expectRecipeRefused(recipeWith("seed", value),
                        "training recipe: 'seed' is " + value.dump() + ", not an integer in 0..");
  }
}

TEST(TrainingConfig, FromJsonAcceptsWholeNumbersAndTheWholeSeedRange) {
  nlohmann::json recipe = trainingConfigToJson(TrainingConfig{});
  recipe["batchSize"] = 32.0;
  recipe["seed"] = 18446744073709551615ull;
  TrainingConfig config = trainingConfigFromJson(recipe);
  EXPECT_EQ(config.batchSize, 32);
  EXPECT_EQ(config.seed, 18446744073709551615ull);
  recipe["seed"] = 4096.0;
  EXPECT_EQ(trainingConfigFromJson(recipe).seed, 4096u);
}

TEST(DataSplit, IsAPermutationWithValidationOfAtLeastOneBatch) {
  Shuffler shuffler(3);
  const DataSplit split = splitLoops(100, 0.05, 16, shuffler);
  EXPECT_EQ(split.validation.size(), 16u);  // 5 loops raised to one batch
  EXPECT_EQ(split.train.size(), 84u);
  std::vector<std::size_t> all = split.train;
  all.insert(all.end(), split.validation.begin(), split.validation.end());
  std::sort(all.begin(), all.end());
  std::vector<std::size_t> expected(100);
  std::iota(expected.begin(), expected.end(), 0u);
  EXPECT_EQ(all, expected);
  EXPECT_EQ(validationCount(1000, 0.1, 64), 100u);
  EXPECT_EQ(validationCount(1000, 0.0, 64), 0u);
}

TEST(DataSplit, ShufflerIsSeededAndUnbiasedEnough) {
  Shuffler a(9), b(9);
  std::vector<std::size_t> x(50), y(50);
  std::iota(x.begin(), x.end(), 0u);
  std::iota(y.begin(), y.end(), 0u);
  a.shuffle(x);
  b.shuffle(y);
  EXPECT_EQ(x, y);
  Shuffler c(1);
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 30000; ++i) ++counts[c.below(3)];
  for (const int count : counts) EXPECT_NEAR(count, 10000, 400);
}

TEST(TrainingMetadata, RecordsRecipeOutcomeAndHistory) {
  const corpus::LoopCorpus corpus = syntheticCorpus(40);
  TrainingConfig config;
  config.batchSize = 8;
  config.maxEpochs = 3;
  const TrainingResult result = train(corpus, tinyShape(), config);
  modelfile::Representation representation;
  representation.minOnsets = 3;
  const modelfile::ModelMetadata metadata = trainingMetadata(config, result, representation);
  EXPECT_EQ(metadata.representation, representation);
  EXPECT_EQ(metadata.recipe["batchSize"], 8);
  EXPECT_EQ(metadata.recipe["maxEpochs"], 3);
  EXPECT_EQ(metadata.recipe["trainLoops"], result.trainLoops);
  EXPECT_EQ(metadata.recipe["stopReason"], "max epochs");
  EXPECT_EQ(trainingConfigToJson(trainingConfigFromJson(metadata.recipe)), trainingConfigToJson(config));
  ASSERT_EQ(metadata.history.size(), 3u);
  const EpochReport third = epochReportFromJson(metadata.history[2]);
  EXPECT_EQ(third.epoch, 3);
  EXPECT_DOUBLE_EQ(third.validation.total, result.history[2].validation.total);
  EXPECT_DOUBLE_EQ(third.train.onset, result.history[2].train.onset);
}

}  // namespace
}  // namespace melodyvae::training
