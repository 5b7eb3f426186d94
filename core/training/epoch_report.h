// What the trainer reports after each epoch, and what the model file keeps as its training history.
#pragma once

#include <cstddef>

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
// Reads what epochReportToJson wrote (from a model file, so anything may be there). Throws
// std::invalid_argument naming the entry and a field that is missing, not a number, or not an integer in
// range where one is meant (epoch >= 1, batches >= 0). `entry` is the 1-based position in the history,
// for the message (0: not known).
EpochReport epochReportFromJson(const nlohmann::json& json, std::size_t entry = 0);

}  // namespace melodyvae::training
