// `melodyvae bend MODEL AMOUNT -o bent.safetensors`: keeps a bent model. The decoder's weight matrices get
// Gaussian noise scaled to each matrix's own spread (core/generation/bending.h); the encoder, biases and
// batch-norm statistics stay as they were. The original file is never overwritten, so the unbent model
// is always there to come back to (`generate --bend` bends on the fly instead, without writing anything).
#include <iostream>
#include <memory>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/model_loading.h"
#include "core/generation/bending.h"
#include "core/modelfile/model_file.h"
#include "core/modelfile/model_file_error.h"

namespace melodyvae::cli {
namespace {

struct BendSettings {
  std::string model;
  double amount = 0.0;
  std::string output;
  std::uint64_t seed = 0;
  bool seedGiven = false;
};

int runBend(BendSettings settings) {
  checkOutputPath(settings.output, "-o");
  checkNotOverwriting(settings.output, settings.model, "the model being bent");
  modelfile::LoadedModel loaded = loadModelForCommand(settings.model);
  if (!settings.seedGiven)
    settings.seed = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  generation::Bender bender(loaded.model);
  bender.bend(settings.amount, settings.seed);

  modelfile::ModelMetadata metadata = loaded.metadata;
  metadata.createdBy = "melodyvae bend";
  // Each bend is recorded, so a bent model says how far it is from the trained one.
  nlohmann::json& bends = metadata.recipe["bends"];
  if (!bends.is_array()) bends = nlohmann::json::array();
  bends.push_back({{"amount", settings.amount}, {"seed", settings.seed}, {"from", settings.model}});
  try {
    modelfile::saveModel(settings.output, loaded.model, metadata);
  } catch (const modelfile::ModelFileError& error) {
    throw CommandError(error.what());
  }
  std::cout << "wrote " << settings.output << ": " << settings.model << " bent by " << settings.amount
            << " (seed " << settings.seed << "), " << bender.tensors().size() << " decoder weight tensors\n";
  return kExitOk;
}

}  // namespace

void addBendCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<BendSettings>();
  CLI::App* command = app.add_subcommand(
      "bend", "Save a copy of a model whose decoder is bent by noise (the original file stays as it is).");
  command->add_option("model", settings->model, "a model file written by `melodyvae train`")->required();
  command
      ->add_option("amount", settings->amount,
                   "size of the noise, relative to each decoder weight matrix's spread (0 = an exact copy)")
      ->required()
      ->check(CLI::Range(0.0, 100.0));
  command->add_option("-o,--output", settings->output, "the bent model to write, e.g. bent.safetensors")
      ->required();
  CLI::Option* seed =
      command->add_option("--seed", settings->seed, "seed of the noise (default: random, printed)");
  command->footer(
      "Exit status: 0 written; 2 bad arguments, an unreadable model, or the file could not be written.");
  command->callback([settings, seed, &exitStatus] {
    settings->seedGiven = seed->count() > 0;
    exitStatus = runBend(*settings);
  });
}

}  // namespace melodyvae::cli
