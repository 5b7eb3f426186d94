// Recipe validation, schedules and JSON for the training config.
#include "core/training/training_config.h"

#include <algorithm>
#include <cmath>
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

template <typename T>
T field(const nlohmann::json& json, const char* name) {
  const auto it = json.find(name);
  if (it == json.end())
    throw std::invalid_argument(std::string("training recipe: '") + name + "' is missing");
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument(std::string("training recipe: '") + name +
                                "' has the wrong type: " + it->dump());
  }
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
  c.batchSize = field<int>(json, "batchSize");
  c.maxEpochs = field<int>(json, "maxEpochs");
  c.learningRate = field<float>(json, "learningRate");
  c.learningRateDecay = field<float>(json, "learningRateDecay");
  c.learningRateDecayEvery = field<int>(json, "learningRateDecayEvery");
  c.klWeight = field<float>(json, "klWeight");
  c.klWarmupEpochs = field<int>(json, "klWarmupEpochs");
  c.validationSplit = field<double>(json, "validationSplit");
  c.patience = field<int>(json, "patience");
  c.seed = field<std::uint64_t>(json, "seed");
  c.adam.beta1 = field<float>(json, "adamBeta1");
  c.adam.beta2 = field<float>(json, "adamBeta2");
  c.adam.epsilon = field<float>(json, "adamEpsilon");
  validateTrainingConfig(c);
  return c;
}

}  // namespace melodyvae::training
