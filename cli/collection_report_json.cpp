// Collection report -> JSON.
#include "cli/collection_report_json.h"

namespace melodyvae::cli {
namespace {

using nlohmann::json;

json fileJson(const corpus::FileReport& file) {
  json out;
  out["path"] = file.path.string();
  out["readable"] = file.readable;
  if (!file.readable) {
    out["error"] = file.error;
    return out;
  }
  out["format"] = file.format;
  out["tracks"] = file.trackCount;
  out["ticks_per_quarter"] = file.ticksPerQuarter;
  out["end_tick"] = file.endTick;
  out["notes"] = file.notes;
  out["drum_notes"] = file.drumNotes;
  out["tempos"] = json::array();
  for (const midi::TempoChange& tempo : file.tempos) {
    out["tempos"].push_back({{"tick", tempo.tick},
                             {"bpm", tempo.beatsPerMinute()},
                             {"microseconds_per_quarter", tempo.microsecondsPerQuarter}});
  }
  out["time_signatures"] = json::array();
  for (const midi::TimeSignature& signature : file.timeSignatures) {
    out["time_signatures"].push_back({{"tick", signature.tick},
                                      {"numerator", signature.numerator},
                                      {"denominator", signature.denominator}});
  }
  out["warnings"] = file.warnings;
  const std::int64_t dropped = file.droppedEmpty + static_cast<std::int64_t>(file.droppedTooFewOnsets);
  out["loops"] = {{"windows", file.windows},
                  {"kept", file.loopsKept},
                  {"dropped", dropped},
                  {"dropped_too_few_onsets", file.droppedTooFewOnsets},
                  {"dropped_empty", file.droppedEmpty},
                  {"augmented", file.augmentedLoops},
                  {"folded_notes", file.foldedNotes},
                  {"merged_notes", file.mergedNotes}};
  return out;
}

}  // namespace

json collectionReportJson(const corpus::CollectionReport& report, const corpus::CollectionOptions& options,
                          const corpus::LoopCorpus& corpus) {
  json out;
  out["settings"] = {{"lowest_pitch", options.loops.lowestPitch},
                     {"min_onsets", options.loops.minOnsets},
                     {"hop_steps", options.loops.hopSteps},
                     {"augment", options.augment}};
  out["files"] = json::array();
  for (const corpus::FileReport& file : report.files) out["files"].push_back(fileJson(file));
  out["problems"] = json::array();
  for (const corpus::InputProblem& problem : report.inputProblems) {
    out["problems"].push_back({{"input", problem.input.string()}, {"reason", problem.reason}});
  }
  const std::int64_t droppedEmpty = report.totalDroppedEmpty();
  const std::size_t droppedTooFew = report.totalDroppedTooFewOnsets();
  out["totals"] = {{"files", report.files.size()},
                   {"readable_files", report.readableFiles()},
                   {"unreadable_files", report.unreadableFiles()},
                   {"input_problems", report.inputProblems.size()},
                   {"notes", report.totalNotes()},
                   {"loops_kept", report.totalLoopsKept()},
                   {"loops_dropped", droppedEmpty + static_cast<std::int64_t>(droppedTooFew)},
                   {"dropped_too_few_onsets", droppedTooFew},
                   {"dropped_empty", droppedEmpty},
                   {"augmented_loops", report.totalAugmentedLoops()},
                   {"corpus_loops", corpus.size()},
                   {"corpus_notes", corpus.noteCount()},
                   {"corpus_bytes", corpus.memoryBytes()}};
  return out;
}

}  // namespace melodyvae::cli
