// `melodyvae inspect <file|folder>...`: reads MIDI files the way training will and tells what each one
// holds (tracks, notes, tempos, time signatures) and how many 2-bar loops it gives, and why others are not.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/collection_report_json.h"
#include "cli/collection_report_text.h"
#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "cli/progress_line.h"
#include "core/corpus/loop_corpus.h"
#include "core/corpus/midi_collection.h"

namespace melodyvae::cli {
namespace {

struct InspectSettings {
  std::vector<std::string> inputs;
  bool json = false;
  bool quiet = false;
  corpus::CollectionOptions options;
};

// Joins the reasons of inputs that gave no file: the message when nothing at all was found.
std::string nothingFoundMessage(const corpus::CollectionReport& report) {
  std::string message;
  for (const corpus::InputProblem& problem : report.inputProblems) {
    if (!message.empty()) message += "; ";
    message += problem.reason;
  }
  return message.empty() ? "no MIDI files given" : message;
}

int runInspect(const InspectSettings& settings) {
  std::vector<std::filesystem::path> inputs(settings.inputs.begin(), settings.inputs.end());
  corpus::LoopCorpus loops(settings.options.loops.lowestPitch);
  ProgressBar bar(std::cerr, !settings.quiet && ProgressLine::isTerminal(std::cerr), "reading");
  corpus::CollectionOptions options = settings.options;
  options.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  const corpus::CollectionReport report = corpus::loadMidiCollection(inputs, options, loops);
  bar.finish();
  if (report.files.empty()) throw CommandError(nothingFoundMessage(report), kExitError);

  if (settings.json) {
    std::cout << collectionReportJson(report, settings.options, loops)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    printFileReports(std::cout, report);
    printCollectionTotals(std::cout, report, loops);
  }
  // Failures also go to stderr, so a script reading stdout (or JSON) still sees them.
  for (const corpus::FileReport& file : report.files) {
    if (!file.readable)
      std::cerr << "melodyvae: could not read '" << file.path.string() << "': " << file.error << "\n";
  }
  for (const corpus::InputProblem& problem : report.inputProblems)
    std::cerr << "melodyvae: " << problem.reason << "\n";

  if (report.readableFiles() == 0) return kExitError;
  if (report.unreadableFiles() > 0 || !report.inputProblems.empty()) return kExitSomeFilesFailed;
  return kExitOk;
}

}  // namespace

void addInspectCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<InspectSettings>();
  CLI::App* command = app.add_subcommand(
      "inspect", "Show what MIDI files hold and how many 2-bar loops they give for training.");
  command
      ->add_option("paths", settings->inputs,
                   "MIDI files and folders; folders are searched recursively for .mid/.midi in any case")
      ->required();
  command->add_flag("--json", settings->json, "print the report as JSON on stdout");
  command->add_flag("-q,--quiet", settings->quiet,
                    "no progress bar while reading (there is none off a terminal)");
  command
      ->add_option("--min-onsets", settings->options.loops.minOnsets,
                   "keep a 2-bar window when it has MORE than this many onsets")
      ->check(CLI::Range(0, 767))
      ->capture_default_str();
  command
      ->add_option("--lowest-pitch", settings->options.loops.lowestPitch,
                   "MIDI pitch of the lowest of the 24 rows (48 = C3: rows C3..B4)")
      ->check(CLI::Range(0, 104))
      ->capture_default_str();
  command
      ->add_option("--hop", settings->options.loops.hopSteps,
                   "sixteenth steps between window starts (32 = disjoint, 16 = overlapping windows)")
      ->check(CLI::Range(1, 32))
      ->capture_default_str();
  command->add_flag("--augment", settings->options.augment,
                    "also count transposed copies (-12, -7, -5, +5, +7, +12 semitones) that stay in range");
  command->footer(
      "Exit status: 0 every file was read; 1 some files or folders could not be read (each is reported); "
      "2 bad arguments, or no file could be read.");
  command->callback([settings, &exitStatus] { exitStatus = runInspect(*settings); });
}

}  // namespace melodyvae::cli
