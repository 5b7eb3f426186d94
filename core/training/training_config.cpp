// Recipe validation, schedules and JSON for the training config.
#include "core/training/training_config.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/modelfile/model_metadata.h"

namespace melodyvae::training {
namespace {

void require(bool ok, const char* field, const std::string& allowed, double value) {
  if (!ok) {
    throw std::invalid_argument(std::string(field) + " is " + std::to_string(value) + "; it must be " +
                                allowed);
  }
}

// Readers for the recipe's fields. The recipe comes from a model file, so every value is checked before
// it is converted: nlohmann's get<int>() of 1e300 or get<float>() of 1e300 is undefined behaviour.
const nlohmann::json& field(const nlohmann::json& json, const char* name) {
  const auto it = json.find(name);
  if (it == json.end())
    throw std::invalid_argument(std::string("training recipe: '") + name + "' is missing");
  return *it;
}

[[noreturn]] void refuse(const char* name, const nlohmann::json& value, const std::string& wanted) {
  throw std::invalid_argument(std::string("training recipe: '") + name + "' is " +
                              modelfile::jsonText(value) + ", not " + wanted);
}

// Any int; validateTrainingConfig checks the knob's own range afterwards.
int integerField(const nlohmann::json& json, const char* name) {
  constexpr int kLow = std::numeric_limits<int>::min();
  constexpr int kHigh = std::numeric_limits<int>::max();
  const nlohmann::json& value = field(json, name);
  const std::optional<int> number = modelfile::integerIn(value, kLow, kHigh);
  if (!number) refuse(name, value, "an integer in " + std::to_string(kLow) + ".." + std::to_string(kHigh));
  return *number;
}

double doubleField(const nlohmann::json& json, const char* name) {
  const nlohmann::json& value = field(json, name);
  if (!value.is_number() || !std::isfinite(value.get<double>())) refuse(name, value, "a finite number");
  return value.get<double>();
}

float floatField(const nlohmann::json& json, const char* name) {
  const nlohmann::json& value = field(json, name);
  constexpr double kLargest = std::numeric_limits<float>::max();
  if (!value.is_number() || !std::isfinite(value.get<double>()) ||
      std::fabs(value.get<double>()) > kLargest) {
    refuse(name, value, "a finite number in float range");
  }
  return static_cast<float>(value.get<double>());
}

std::uint64_t seedField(const nlohmann::json& json, const char* name) {
  const nlohmann::json& value = field(json, name);
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0) {
    return static_cast<std::uint64_t>(value.get<std::int64_t>());
  }
  constexpr double kTwoTo64 = 18446744073709551616.0;
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number) && number == std::trunc(number) && number >= 0 && number < kTwoTo64) {
      return static_cast<std::uint64_t>(number);
    }
  }
  refuse(name, value, "an integer in 0..18446744073709551615");
}

}  // namespace

void validateTrainingConfig(const TrainingConfig& c) {
  require(c.batchSize >= 2 && c.batchSize <= 65536, "batch size", "2..65536 (batch norm needs 2 loops)",
          c.batchSize);
  require(c.maxEpochs >= 1 && c.maxEpochs <= 100000, "epochs", "1..100000", c.maxEpochs);
  require(std::isfinite(c.learningRate) && c.learningRate > 0 && c.learningRate <= 1, "learning rate",
          "in (0, 1]", c.learningRate);
  require(std::isfinite(c.learningRateDecay) && c.learningRateDecay > 0 && c.learningRateDecay <= 1,
          "learning rate decay", "in (0, 1]", c.learningRateDecay);
  require(c.learningRateDecayEvery >= 1, "learning rate decay interval", ">= 1 epoch",
          c.learningRateDecayEvery);
  require(std::isfinite(c.klWeight) && c.klWeight >= 0 && c.klWeight <= 1000, "KL weight", "in [0, 1000]",
          c.klWeight);
  require(c.klWarmupEpochs >= 0, "KL warm-up", ">= 0 epochs", c.klWarmupEpochs);
  require(std::isfinite(c.validationSplit) && c.validationSplit >= 0 && c.validationSplit <= 0.5,
          "validation split", "in [0, 0.5]", c.validationSplit);
  require(c.patience >= 1, "patience", ">= 1 epoch", c.patience);
  require(c.adam.beta1 >= 0 && c.adam.beta1 < 1, "Adam beta1", "in [0, 1)", c.adam.beta1);
  require(c.adam.beta2 >= 0 && c.adam.beta2 < 1, "Adam beta2", "in [0, 1)", c.adam.beta2);
  require(c.adam.epsilon > 0 && std::isfinite(c.adam.epsilon), "Adam epsilon", "> 0", c.adam.epsilon);
}

double learningRateAt(const TrainingConfig& config, int epoch) {
  return config.learningRate *
         std::pow(static_cast<double>(config.learningRateDecay), epoch / config.learningRateDecayEvery);
}

double klWeightAt(const TrainingConfig& config, int epoch) {
  if (config.klWarmupEpochs == 0) return config.klWeight;
  return config.klWeight * std::min(1.0, static_cast<double>(epoch) / config.klWarmupEpochs);
}

nlohmann::json trainingConfigToJson(const TrainingConfig& c) {
  return {{"batchSize", c.batchSize},
          {"maxEpochs", c.maxEpochs},
          {"learningRate", modelfile::shortestDecimal(c.learningRate)},
          {"learningRateDecay", modelfile::shortestDecimal(c.learningRateDecay)},
          {"learningRateDecayEvery", c.learningRateDecayEvery},
          {"klWeight", modelfile::shortestDecimal(c.klWeight)},
          {"klWarmupEpochs", c.klWarmupEpochs},
          {"validationSplit", c.validationSplit},
          {"patience", c.patience},
          {"seed", c.seed},
          {"optimizer", "adam"},
          {"adamBeta1", modelfile::shortestDecimal(c.adam.beta1)},
          {"adamBeta2", modelfile::shortestDecimal(c.adam.beta2)},
          {"adamEpsilon", modelfile::shortestDecimal(c.adam.epsilon)}};
}

TrainingConfig trainingConfigFromJson(const nlohmann::json& json) {
  if (!json.is_object()) throw std::invalid_argument("training recipe is not a JSON object");
  TrainingConfig c;
  c.batchSize = integerField(json, "batchSize");
  c.maxEpochs = integerField(json, "maxEpochs");
  c.learningRate = floatField(json, "learningRate");
  c.learningRateDecay = floatField(json, "learningRateDecay");
  c.learningRateDecayEvery = integerField(json, "learningRateDecayEvery");
  c.klWeight = floatField(json, "klWeight");
  c.klWarmupEpochs = integerField(json, "klWarmupEpochs");
  c.validationSplit = doubleField(json, "validationSplit");
  c.patience = integerField(json, "patience");
  c.seed = seedField(json, "seed");
  c.adam.beta1 = floatField(json, "adamBeta1");
  c.adam.beta2 = floatField(json, "adamBeta2");
  c.adam.epsilon = floatField(json, "adamEpsilon");
  try {
    validateTrainingConfig(c);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("training recipe: ") + error.what());
  }
  return c;
}

}  // namespace melodyvae::training
