// Loading a musician's MIDI collection into a LoopCorpus: find the files, read them in parallel, cut
// them into loops (optionally with transposed copies) and report, per file, what was found or why it
// could not be read. The one call the `train` and `inspect` commands and the Max addon load data with.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/corpus/loop_corpus.h"
#include "core/corpus/midi_file_finder.h"
#include "core/loops/loop_extractor.h"
#include "core/midi/song.h"

namespace melodyvae::corpus {

struct CollectionOptions {
  loops::LoopConfig loops;  // its lowestPitch must equal the corpus's
  bool augment = false;     // add the transpositions of loops::kAugmentTranspositions that fit
  unsigned threads = 0;     // reading threads; 0 = std::thread::hardware_concurrency()
  // Called after each file is read, with (files done, files in all), from the reading threads but never
  // two at once. An exception it throws stops the loading and is rethrown by the loading call.
  std::function<void(std::size_t, std::size_t)> progress;
  // When set and it becomes true, files not yet started are left unread (FileReport::error says so).
  const std::atomic<bool>* cancel = nullptr;
};

// What one file gave.
struct FileReport {
  std::filesystem::path path;
  bool readable = false;
  std::string error;  // why it could not be read (e.g. "byte 14: expected 'MTrk' chunk..."); "" if readable

  // The file as read (all zero / empty when unreadable).
  std::uint16_t format = 0;
  std::uint16_t trackCount = 0;
  std::uint16_t ticksPerQuarter = 0;
  std::int64_t endTick = 0;
  std::size_t notes = 0;                  // all notes, drums included
  std::size_t drumNotes = 0;              // notes on channel index 9 (MIDI channel 10), not used for loops
  std::vector<midi::TempoChange> tempos;  // as in the file; empty = 120 BPM throughout
  std::vector<midi::TimeSignature> timeSignatures;  // as in the file; empty = 4/4 throughout
  std::vector<std::string> warnings;                // defects the reader tolerated

  // Loops.
  std::int64_t windows = 0;             // 2-bar windows from the start of the file to its end
  std::size_t loopsKept = 0;            // windows kept as loops (before augmentation)
  std::int64_t droppedEmpty = 0;        // windows without a (non-drum) onset
  std::size_t droppedTooFewOnsets = 0;  // windows with onsets, but not more than LoopConfig::minOnsets
  std::size_t augmentedLoops = 0;       // transposed copies added
  std::size_t foldedNotes = 0;          // notes of kept loops folded by octaves into the range
  std::size_t mergedNotes = 0;          // notes of kept loops that lost their cell to another note
  std::size_t firstLoop = 0;  // this file's loops are corpus loops [firstLoop, firstLoop + loopCount)
  std::size_t loopCount = 0;  // loopsKept + augmentedLoops
};

struct CollectionReport {
  std::vector<FileReport> files;            // in the order of MidiFileList::files
  std::vector<InputProblem> inputProblems;  // inputs that gave no file
  bool cancelled = false;

  std::size_t readableFiles() const;
  std::size_t unreadableFiles() const;
  std::size_t totalNotes() const;
  std::size_t totalLoopsKept() const;
  std::size_t totalAugmentedLoops() const;
  std::int64_t totalDroppedEmpty() const;
  std::size_t totalDroppedTooFewOnsets() const;
};

// Finds the files of `inputs` (see findMidiFiles), reads and cuts them, and appends their loops to
// `corpus` in file order (each kept loop followed by its transposed copies), registering each readable
// file with corpus.addFile. Unreadable files are reported, never thrown. Throws std::invalid_argument
// for an invalid LoopConfig or one whose lowestPitch differs from the corpus's.
CollectionReport loadMidiCollection(std::span<const std::filesystem::path> inputs,
                                    const CollectionOptions& options, LoopCorpus& corpus);

// The same for a list of files already found (no folder search, no problems list).
CollectionReport loadMidiFiles(std::span<const std::filesystem::path> files, const CollectionOptions& options,
                               LoopCorpus& corpus);

// Cuts one song already in memory into loops, appending its loops to `corpus` as file `fileIndex`;
// fills the loop fields of `report` (path, readable and the file fields are left to the caller).
void addSongLoops(const midi::Song& song, const CollectionOptions& options, std::uint32_t fileIndex,
                  LoopCorpus& corpus, FileReport& report);

}  // namespace melodyvae::corpus
