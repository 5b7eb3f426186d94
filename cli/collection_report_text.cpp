// Collection report -> text.
#include "cli/collection_report_text.h"

#include <cstdio>
#include <string>

namespace melodyvae::cli {
namespace {

constexpr std::size_t kMaxListed = 8;  // tempo changes and time signatures shown before "and N more"

// 120, 93.75, 133.33: at most two decimals, no trailing zeros.
std::string formatBpm(double bpm) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", bpm);
  std::string result = text;
  while (result.back() == '0') result.pop_back();
  if (result.back() == '.') result.pop_back();
  return result;
}

std::string plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// "3 dropped (2 too few onsets, 1 empty)", naming only the reasons that occurred.
std::string droppedText(std::size_t tooFew, std::size_t empty) {
  std::string text = std::to_string(tooFew + empty) + " dropped";
  if (tooFew > 0 && empty > 0) {
    text += " (" + std::to_string(tooFew) + " too few onsets, " + std::to_string(empty) + " empty)";
  } else if (tooFew > 0) {
    text += " (too few onsets)";
  } else if (empty > 0) {
    text += " (empty)";
  }
  return text;
}

void printTempos(std::ostream& out, const corpus::FileReport& file) {
  if (file.tempos.empty()) {
    out << "  tempo: 120 BPM (no tempo event)\n";
    return;
  }
  if (file.tempos.size() == 1) {
    out << "  tempo: " << formatBpm(file.tempos[0].beatsPerMinute()) << " BPM\n";
    return;
  }
  out << "  tempos: " << file.tempos.size() << " changes:";
  for (std::size_t i = 0; i < file.tempos.size() && i < kMaxListed; ++i) {
    out << (i == 0 ? " " : ", ") << formatBpm(file.tempos[i].beatsPerMinute()) << " BPM at tick "
        << file.tempos[i].tick;
  }
  if (file.tempos.size() > kMaxListed) out << " and " << file.tempos.size() - kMaxListed << " more";
  out << "\n";
}

void printTimeSignatures(std::ostream& out, const corpus::FileReport& file) {
  if (file.timeSignatures.empty()) {
    out << "  time signature: 4/4 (no time signature event)\n";
    return;
  }
  out << (file.timeSignatures.size() == 1 ? "  time signature:" : "  time signatures:");
  for (std::size_t i = 0; i < file.timeSignatures.size() && i < kMaxListed; ++i) {
    const midi::TimeSignature& signature = file.timeSignatures[i];
    out << (i == 0 ? " " : ", ") << int{signature.numerator} << "/" << int{signature.denominator};
    if (file.timeSignatures.size() > 1) out << " at tick " << signature.tick;
  }
  if (file.timeSignatures.size() > kMaxListed)
    out << " and " << file.timeSignatures.size() - kMaxListed << " more";
  out << "\n";
}

void printLoops(std::ostream& out, const corpus::FileReport& file) {
  const auto empty = static_cast<std::size_t>(file.droppedEmpty);
  out << "  loops: " << file.loopsKept << " kept, " << droppedText(file.droppedTooFewOnsets, empty) << " of "
      << plural(static_cast<std::size_t>(file.windows), "2-bar window", "2-bar windows");
  if (file.augmentedLoops > 0)
    out << "; " << plural(file.augmentedLoops, "transposed copy", "transposed copies");
  out << "\n";
  if (file.foldedNotes > 0 || file.mergedNotes > 0) {
    out << "  notes of kept loops folded into the pitch range: " << file.foldedNotes
        << ", sharing a cell with another (dropped): " << file.mergedNotes << "\n";
  }
}

}  // namespace

void printFileReports(std::ostream& out, const corpus::CollectionReport& report) {
  for (const corpus::FileReport& file : report.files) {
    out << file.path.string() << "\n";
    if (!file.readable) {
      out << "  could not be read: " << file.error << "\n";
      continue;
    }
    out << "  format " << file.format << ", " << plural(file.trackCount, "track", "tracks") << ", "
        << file.ticksPerQuarter << " ticks per quarter\n";
    out << "  notes: " << file.notes;
    if (file.drumNotes > 0) out << " (" << file.drumNotes << " on drum channel 10, not used)";
    out << "\n";
    printTempos(out, file);
    printTimeSignatures(out, file);
    printLoops(out, file);
    for (const std::string& warning : file.warnings) out << "  warning: " << warning << "\n";
  }
  for (const corpus::InputProblem& problem : report.inputProblems)
    out << "problem: " << problem.reason << "\n";
}

void printCollectionTotals(std::ostream& out, const corpus::CollectionReport& report,
                           const corpus::LoopCorpus& corpus) {
  const std::size_t empty = static_cast<std::size_t>(report.totalDroppedEmpty());
  const std::size_t tooFew = report.totalDroppedTooFewOnsets();
  out << "total: " << plural(report.readableFiles(), "file", "files") << " read, " << report.unreadableFiles()
      << " could not be read";
  if (!report.inputProblems.empty())
    out << ", " << plural(report.inputProblems.size(), "input", "inputs") << " without files";
  out << "\n";
  out << "  notes: " << report.totalNotes() << "\n";
  out << "  loops: " << report.totalLoopsKept() << " kept, " << droppedText(tooFew, empty);
  if (report.totalAugmentedLoops() > 0) {
    out << ", " << plural(report.totalAugmentedLoops(), "transposed copy", "transposed copies");
  }
  out << "\n";
  char memory[32];
  std::snprintf(memory, sizeof memory, "%.2f", static_cast<double>(corpus.memoryBytes()) / (1024.0 * 1024.0));
  out << "  training set: " << plural(corpus.size(), "loop", "loops") << " (" << corpus.size() * 2
      << " bars), " << corpus.noteCount() << " notes, " << memory << " MiB\n";
}

}  // namespace melodyvae::cli
