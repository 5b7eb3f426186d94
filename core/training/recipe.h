// The two training recipes a run can start from: the default of docs/design.md (TrainingConfig's and
// ModelShape's defaults) and a plain one to measure it against (docs/recipe-comparison.md).
#pragma once

#include <optional>
#include <string_view>

#include "core/training/training_config.h"
#include "core/vae/model_shape.h"

namespace melodyvae::training {

enum class Recipe {
  kDefault,  // batch 64, learning rate x 0.95 every 5 epochs, KL warm-up over 10, patience 15, dropout 0.2
  kPlain,    // batch 128, constant learning rate, KL weight from epoch 1, no early stopping, no dropout
};

inline constexpr int kPlainBatchSize = 128;

const char* recipeName(Recipe recipe);  // "default", "plain"
// "default" or "plain"; nullopt for anything else.
std::optional<Recipe> recipeFromName(std::string_view name);

// Turns `config` and `shape` into the plain recipe's: batch 128, learning-rate decay 1 (constant), KL
// warm-up 0 (the full KL weight from epoch 1), patience = config.maxEpochs (so early stopping never ends
// the run) and dropout 0. Everything else (epochs, learning rate, KL weight, split, seed) is left as it is.
// kDefault changes nothing.
void applyRecipe(Recipe recipe, TrainingConfig& config, vae::ModelShape& shape);

}  // namespace melodyvae::training
