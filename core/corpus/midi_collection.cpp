// Parallel reading of MIDI files into loops, with a per-file report.
#include "core/corpus/midi_collection.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "core/loops/augment.h"
#include "core/midi/smf_reader.h"

namespace melodyvae::corpus {
namespace {

// One file's outcome, computed by a reading thread.
struct FileResult {
  FileReport report;
  loops::Extraction extraction;
};

void describeSong(const midi::Song& song, FileReport& report) {
  report.format = song.format;
  report.trackCount = song.trackCount;
  report.ticksPerQuarter = song.ticksPerQuarter;
  report.endTick = song.endTick;
  report.notes = song.notes.size();
  report.tempos = song.tempos;
  report.timeSignatures = song.timeSignatures;
  report.warnings = song.warnings;
}

void readOne(const std::filesystem::path& path, const loops::LoopConfig& config, FileResult& result) {
  result.report.path = path;
  try {
    const midi::Song song = midi::readSmfFile(path);
    describeSong(song, result.report);
    result.extraction = loops::extractLoops(song, config);
    result.report.readable = true;
  } catch (const midi::MidiError& error) {
    result.report.error = "byte " + std::to_string(error.byteOffset()) + ": " + error.problem();
  } catch (const std::exception& error) {  // FileReadError, a song the extractor refuses, bad_alloc
    result.report.error = error.what();
  }
}

// Appends an extraction's loops (and their transpositions) to the corpus and counts them in `report`.
void appendLoops(loops::Extraction& extraction, bool augment, std::uint32_t fileIndex, LoopCorpus& corpus,
                 FileReport& report) {
  report.drumNotes = extraction.drumNotes;
  report.windows = extraction.windowCount;
  report.droppedEmpty = extraction.emptyWindows;
  report.droppedTooFewOnsets = extraction.tooFewOnsets.size();
  report.loopsKept = extraction.loops.size();
  report.firstLoop = corpus.size();
  for (const loops::ExtractedLoop& loop : extraction.loops) {
    report.foldedNotes += static_cast<std::size_t>(loop.foldedNotes);
    report.mergedNotes += static_cast<std::size_t>(loop.mergedNotes);
    // Window indices beyond 32 bits would need a file of billions of bars; saturate rather than wrap.
    const auto window = static_cast<std::uint32_t>(std::min<std::int64_t>(loop.window, UINT32_MAX));
    corpus.add(loop.notes, {fileIndex, window, 0});
    if (!augment) continue;
    for (const int semitones : loops::kAugmentTranspositions) {
      if (const std::optional<loops::Loop> moved = loops::transposeLoop(loop.notes, semitones)) {
        corpus.add(*moved, {fileIndex, window, static_cast<std::int8_t>(semitones)});
        ++report.augmentedLoops;
      }
    }
  }
  report.loopCount = corpus.size() - report.firstLoop;
  extraction.loops.clear();
  extraction.loops.shrink_to_fit();
}

void checkOptions(const CollectionOptions& options, const LoopCorpus& corpus) {
  loops::validateLoopConfig(options.loops);
  if (options.loops.lowestPitch != corpus.lowestPitch()) {
    throw std::invalid_argument("loops are cut for lowest pitch " +
                                std::to_string(options.loops.lowestPitch) +
                                " but the corpus holds lowest pitch " + std::to_string(corpus.lowestPitch()));
  }
}

}  // namespace

std::size_t CollectionReport::readableFiles() const {
  return static_cast<std::size_t>(
      std::count_if(files.begin(), files.end(), [](auto& f) { return f.readable; }));
}
std::size_t CollectionReport::unreadableFiles() const {
  return files.size() - readableFiles();
}

namespace {
template <typename T, typename Field>
T sumOf(const std::vector<FileReport>& files, Field field) {
  T total = 0;
  for (const FileReport& file : files) total += static_cast<T>(file.*field);
  return total;
}
}  // namespace

std::size_t CollectionReport::totalNotes() const {
  return sumOf<std::size_t>(files, &FileReport::notes);
}
std::size_t CollectionReport::totalLoopsKept() const {
  return sumOf<std::size_t>(files, &FileReport::loopsKept);
}
std::size_t CollectionReport::totalAugmentedLoops() const {
  return sumOf<std::size_t>(files, &FileReport::augmentedLoops);
}
std::int64_t CollectionReport::totalDroppedEmpty() const {
  return sumOf<std::int64_t>(files, &FileReport::droppedEmpty);
}
std::size_t CollectionReport::totalDroppedTooFewOnsets() const {
  return sumOf<std::size_t>(files, &FileReport::droppedTooFewOnsets);
}

void addSongLoops(const midi::Song& song, const CollectionOptions& options, std::uint32_t fileIndex,
                  LoopCorpus& corpus, FileReport& report) {
  checkOptions(options, corpus);
  loops::Extraction extraction = loops::extractLoops(song, options.loops);
  appendLoops(extraction, options.augment, fileIndex, corpus, report);
}

CollectionReport loadMidiFiles(std::span<const std::filesystem::path> files, const CollectionOptions& options,
                               LoopCorpus& corpus) {
  checkOptions(options, corpus);
  std::vector<FileResult> results(files.size());

  // Reading threads take the next unread file; results land at the file's own index, so the order of
  // the report and the corpus does not depend on which thread finished first.
  unsigned threadCount = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threadCount =
      static_cast<unsigned>(std::clamp<std::size_t>(threadCount, 1, std::max<std::size_t>(files.size(), 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex progressMutex;
  std::size_t done = 0;
  std::exception_ptr progressError;
  const auto work = [&] {
    while (true) {
      if (stop.load() || (options.cancel != nullptr && options.cancel->load())) return;
      const std::size_t index = next.fetch_add(1);
      if (index >= files.size()) return;
      readOne(files[index], options.loops, results[index]);
      if (options.progress) {
        const std::lock_guard<std::mutex> lock(progressMutex);
        ++done;
        try {
          if (!progressError) options.progress(done, files.size());
        } catch (...) {
          progressError = std::current_exception();
          stop.store(true);
        }
      }
    }
  };
  if (threadCount == 1) {
    work();
  } else {
    std::vector<std::jthread> threads;
    threads.reserve(threadCount);
    for (unsigned t = 0; t < threadCount; ++t) threads.emplace_back(work);
  }  // jthreads join here
  if (progressError) std::rethrow_exception(progressError);

  CollectionReport report;
  report.files.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    FileResult& result = results[i];
    if (result.report.path.empty()) {  // never started: loading was cancelled
      result.report.path = files[i];
      result.report.error = "not read: loading was cancelled";
      report.cancelled = true;
    }
    if (result.report.readable) {
      appendLoops(result.extraction, options.augment, corpus.addFile(files[i]), corpus, result.report);
    }
    report.files.push_back(std::move(result.report));
  }
  return report;
}

CollectionReport loadMidiCollection(std::span<const std::filesystem::path> inputs,
                                    const CollectionOptions& options, LoopCorpus& corpus) {
  checkOptions(options, corpus);
  MidiFileList list = findMidiFiles(inputs);
  CollectionReport report = loadMidiFiles(list.files, options, corpus);
  report.inputProblems = std::move(list.problems);
  return report;
}

}  // namespace melodyvae::corpus
