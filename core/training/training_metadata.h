// What a training run records in the model file: the recipe (every knob plus how the run went) and the
// per-epoch history.
#pragma once

#include "core/modelfile/model_metadata.h"
#include "core/training/trainer.h"

namespace melodyvae::training {

// Recipe = trainingConfigToJson(config) plus trainLoops, validationLoops, steps, bestEpoch, bestLoss,
// stopReason and seconds; history = one epochReportToJson per completed epoch.
modelfile::ModelMetadata trainingMetadata(const TrainingConfig& config, const TrainingResult& result,
                                          const modelfile::Representation& representation);

}  // namespace melodyvae::training
