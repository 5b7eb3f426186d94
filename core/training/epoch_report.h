// What the trainer reports after each epoch, and what the model file keeps as its training history.
#pragma once

#include <nlohmann/json.hpp>

#include "core/vae/vae.h"

namespace melodyvae::training {

struct EpochReport {
  int epoch = 0;  // 1-based
  int maxEpochs = 0;
  int batches = 0;            // training steps in this epoch
  vae::LossParts train;       // means over the epoch's batches, with this epoch's KL weight
  vae::LossParts validation;  // over the whole validation split, eval mode, full KL weight (comparable
                              // across epochs); all zero when there is no validation split
  bool hasValidation = false;
  double learningRate = 0;
  double klWeight = 0;
  double elapsedSeconds = 0;  // since training started
  double etaSeconds = 0;      // until maxEpochs at the mean epoch time so far (early stopping may be sooner)
  bool improved = false;      // this epoch's weights are the best so far
  int epochsWithoutImprovement = 0;
};

nlohmann::json epochReportToJson(const EpochReport& report);
// Throws std::invalid_argument naming a missing field.
EpochReport epochReportFromJson(const nlohmann::json& json);

}  // namespace melodyvae::training
