// The default and plain training recipes.
#include "core/training/recipe.h"

namespace melodyvae::training {

const char* recipeName(Recipe recipe) {
  return recipe == Recipe::kPlain ? "plain" : "default";
}

std::optional<Recipe> recipeFromName(std::string_view name) {
  if (name == "default") return Recipe::kDefault;
  if (name == "plain") return Recipe::kPlain;
  return std::nullopt;
}

void applyRecipe(Recipe recipe, TrainingConfig& config, vae::ModelShape& shape) {
  if (recipe != Recipe::kPlain) return;
  config.batchSize = kPlainBatchSize;
  config.learningRateDecay = 1.0f;
  config.klWarmupEpochs = 0;
  config.patience = config.maxEpochs;
  shape.dropout = 0.0f;
}

}  // namespace melodyvae::training
