// `melodyvae plot MODEL -o loss.svg`: the training history a model file records, as an SVG plot
// (core/pictures/history_plot.h).
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/model_loading.h"
#include "cli/picture_files.h"
#include "core/pictures/history_plot.h"

namespace melodyvae::cli {
namespace {

struct PlotOptions {
  std::string model;
  std::string output;
};

int runPlot(const PlotOptions& options) {
  pictureFormatOf(options.output, "-o", false);
  checkOutputPath(options.output, "-o");
  checkNotOverwriting(options.output, options.model, "the model file");
  const modelfile::LoadedModel loaded = loadModelForCommand(options.model);
  const std::vector<training::EpochReport> history = readableHistory(loaded.metadata, options.model);
  writePicture(options.output,
               pictures::historyPlotSvg(history, "Training history of " + fileNameOf(options.model)));
  std::cout << "wrote " << options.output << ": " << history.size() << " epoch"
            << (history.size() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

}  // namespace

void addPlotCommand(CLI::App& app, int& exitStatus) {
  auto options = std::make_shared<PlotOptions>();
  CLI::App* command = app.add_subcommand(
      "plot", "Plot a model's training history (losses by part, learning rate, KL weight) as SVG.");
  command->add_option("model", options->model, "a model file written by `melodyvae train`")->required();
  command->add_option("-o,--output", options->output, "the plot to write, e.g. loss.svg")->required();
  command->footer(
      "Exit status: 0 written; 2 bad arguments, an unreadable model or one without a history, or the file "
      "could not be written.");
  command->callback([options, &exitStatus] { exitStatus = runPlot(*options); });
}

}  // namespace melodyvae::cli
