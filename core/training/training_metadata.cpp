// Recipe and history JSON for the model file.
#include "core/training/training_metadata.h"

#include <cmath>

#include "core/corpus/pitch_class_profile.h"
#include "core/music/key_finding.h"

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

void recordTrainingKey(const corpus::LoopCorpus& loops, modelfile::ModelMetadata& metadata) {
  const music::PitchClassWeights weights = corpus::pitchClassDurations(loops);
  nlohmann::json list = nlohmann::json::array();
  for (const double weight : weights) list.push_back(weight);
  metadata.recipe[modelfile::kRecipePitchClassesKey] = list;
  if (const auto key = music::estimateKey(weights)) {
    metadata.recipe[modelfile::kRecipeKeyKey] = music::scaleName(key->key);
  }
}

}  // namespace melodyvae::training
