// A collection report (what loading MIDI files found) as text for people: one block per file, then totals.
#pragma once

#include <ostream>

#include "core/corpus/loop_corpus.h"
#include "core/corpus/midi_collection.h"

namespace melodyvae::cli {

// One block per file (tracks, notes, tempos, time signatures, loops kept and dropped, warnings).
void printFileReports(std::ostream& out, const corpus::CollectionReport& report);

// The closing summary: files read and not, notes, loops kept / dropped / transposed, corpus size.
void printCollectionTotals(std::ostream& out, const corpus::CollectionReport& report,
                           const corpus::LoopCorpus& corpus);

}  // namespace melodyvae::cli
