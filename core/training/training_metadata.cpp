// Recipe and history JSON for the model file.
#include "core/training/training_metadata.h"

#include <cmath>

namespace melodyvae::training {

modelfile::ModelMetadata trainingMetadata(const TrainingConfig& config, const TrainingResult& result,
                                          const modelfile::Representation& representation) {
  modelfile::ModelMetadata metadata;
  metadata.representation = representation;
  metadata.recipe = trainingConfigToJson(config);
  metadata.recipe["trainLoops"] = result.trainLoops;
  metadata.recipe["validationLoops"] = result.validationLoops;
  metadata.recipe["steps"] = result.steps;
  metadata.recipe["epochsRun"] = result.history.size();
  metadata.recipe["bestEpoch"] = result.bestEpoch;
  if (std::isfinite(result.bestLoss)) metadata.recipe["bestLoss"] = result.bestLoss;
  metadata.recipe["stopReason"] = stopReasonName(result.stopReason);
  metadata.recipe["seconds"] = result.seconds;
  for (const EpochReport& report : result.history) metadata.history.push_back(epochReportToJson(report));
  return metadata;
}

}  // namespace melodyvae::training
