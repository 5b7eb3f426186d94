// A collection report (what loading MIDI files found) as JSON, for `inspect --json` and scripts.
#pragma once

#include <nlohmann/json.hpp>

#include "core/corpus/loop_corpus.h"
#include "core/corpus/midi_collection.h"

namespace melodyvae::cli {

// {"settings": {...}, "files": [...], "problems": [...], "totals": {...}}; field names in snake_case.
// Paths are written as UTF-8 text; dump the result with error_handler_t::replace for odd byte names.
nlohmann::json collectionReportJson(const corpus::CollectionReport& report,
                                    const corpus::CollectionOptions& options,
                                    const corpus::LoopCorpus& corpus);

}  // namespace melodyvae::cli
