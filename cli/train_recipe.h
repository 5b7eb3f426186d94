// The --recipe option of `melodyvae train` (core/training/recipe.h): the run starts from the named recipe,
// and options given explicitly on the command line still win over it.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/training/training_config.h"
#include "core/vae/model_shape.h"

namespace melodyvae::cli {

// Registers --recipe default|plain on `command`, stored in `name`.
void addRecipeOption(CLI::App& command, std::string& name);

// After parsing: turns `config` and `shape` into the recipe `name`'s, except for the knobs whose options
// (--batch-size, --lr-decay, --kl-warmup, --patience) were given on `command`.
void applyRecipeOption(const CLI::App& command, const std::string& name, training::TrainingConfig& config,
                       vae::ModelShape& shape);

}  // namespace melodyvae::cli
