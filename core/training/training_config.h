// Every knob of the training recipe (docs/design.md "Training recipe"), with the seed's defaults; the
// whole config is recorded in the model file.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/nn/adam.h"

namespace melodyvae::training {

struct TrainingConfig {
  int batchSize = 64;               // loops per step; >= 2 (batch norm needs batch statistics)
  int maxEpochs = 100;              // early stopping may end sooner
  float learningRate = 1e-3f;       // Adam's learning rate at epoch 1
  float learningRateDecay = 0.95f;  // multiplied in every `learningRateDecayEvery` epochs
  int learningRateDecayEvery = 5;
  float klWeight = 1.0f;         // final weight of the KL term
  int klWarmupEpochs = 10;       // the KL weight rises linearly from 0 to klWeight over these epochs
  double validationSplit = 0.1;  // share of loops held out (at least one batch); 0 = none, then the
                                 // training loss drives early stopping
  int patience = 15;             // epochs without a better validation loss before stopping
  std::uint64_t seed = 1;        // initial weights, split, shuffling, noise: same seed, same model
  nn::AdamSettings adam;         // beta1, beta2, epsilon
};

// Throws std::invalid_argument naming the field and its allowed range.
void validateTrainingConfig(const TrainingConfig& config);

// epoch counts from 0: learningRate * decay^floor(epoch / every).
double learningRateAt(const TrainingConfig& config, int epoch);
// epoch counts from 0: klWeight * min(1, epoch / klWarmupEpochs) (klWeight from the start if warmup is 0).
double klWeightAt(const TrainingConfig& config, int epoch);

nlohmann::json trainingConfigToJson(const TrainingConfig& config);
// Reads what trainingConfigToJson wrote; throws std::invalid_argument naming a missing or invalid field.
TrainingConfig trainingConfigFromJson(const nlohmann::json& json);

}  // namespace melodyvae::training
