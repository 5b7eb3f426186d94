// Applying --recipe before training, keeping explicit options.
#include "cli/train_recipe.h"

#include "cli/commands.h"
#include "core/training/recipe.h"

namespace melodyvae::cli {

void addRecipeOption(CLI::App& command, std::string& name) {
  command
      .add_option("--recipe", name,
                  "default: the recipe of docs/training.md; plain: batch 128, constant learning rate, KL "
                  "weight 1 from epoch 1, no early stopping, no dropout (for comparing recipes); options "
                  "given explicitly override either")
      ->check(CLI::IsMember({"default", "plain"}))
      ->capture_default_str();
}

void applyRecipeOption(const CLI::App& command, const std::string& name, training::TrainingConfig& config,
                       vae::ModelShape& shape) {
  const std::optional<training::Recipe> recipe = training::recipeFromName(name);
  if (!recipe) throw CommandError("--recipe is '" + name + "'; use default or plain");
  training::TrainingConfig chosen = config;
  vae::ModelShape chosenShape = shape;
  training::applyRecipe(*recipe, chosen, chosenShape);
  const auto given = [&command](const char* option) { return command.count(option) > 0; };
  if (!given("--batch-size")) config.batchSize = chosen.batchSize;
  if (!given("--lr-decay")) config.learningRateDecay = chosen.learningRateDecay;
  if (!given("--kl-warmup")) config.klWarmupEpochs = chosen.klWarmupEpochs;
  if (!given("--patience")) config.patience = chosen.patience;
  shape.dropout = chosenShape.dropout;  // no option of its own
}

}  // namespace melodyvae::cli
