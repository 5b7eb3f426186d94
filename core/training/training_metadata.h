// What a training run records in the model file: the recipe (every knob plus how the run went) and the
// per-epoch history.
#pragma once

#include "core/corpus/loop_corpus.h"
#include "core/modelfile/model_metadata.h"
#include "core/training/trainer.h"

namespace melodyvae::training {

// Recipe = trainingConfigToJson(config) plus trainLoops, validationLoops, steps, bestEpoch, bestLoss,
// stopReason and seconds; history = one epochReportToJson per completed epoch.
modelfile::ModelMetadata trainingMetadata(const TrainingConfig& config, const TrainingResult& result,
                                          const modelfile::Representation& representation);

// Records what the training data sounds like in the recipe, for `--key auto`: kRecipePitchClassesKey
// (summed note lengths in sixteenth steps per pitch class, C first; see corpus/pitch_class_profile.h) and,
// when one stands out, kRecipeKeyKey ("A:minor").
void recordTrainingKey(const corpus::LoopCorpus& loops, modelfile::ModelMetadata& metadata);

}  // namespace melodyvae::training
