// Reads the events of one 'MTrk' chunk: notes (paired first-in first-out), tempo and time-signature
// meta events; everything else is skipped after its length has been checked.
#pragma once

#include <cstdint>
#include <vector>

#include "core/midi/byte_reader.h"
#include "core/midi/note_pairing.h"
#include "core/midi/song.h"
#include "core/midi/warning_list.h"

namespace melodyvae::midi {

struct TrackContext {
  std::uint16_t index = 0;      // which 'MTrk' chunk this is, from 0
  std::int64_t tickOffset = 0;  // added to every tick (format 2 plays tracks one after another)
  bool cutByEndOfFile = false;  // the chunk's length ran past the file: an event cut short ends the track
};

// Where a track's contents go; the reader sorts them once all tracks are read.
struct TrackSink {
  NotePairer& notes;
  std::vector<TempoChange>& tempos;
  std::vector<TimeSignature>& timeSignatures;
  WarningList& warnings;
};

// Reads events from reader.offset() up to reader.limit() (the end of the chunk). Stops after the
// end-of-track meta event (leaving the reader just after it) or at the limit; closes notes still
// sounding at the track's last tick.
// Returns that last tick (including tickOffset). Throws MidiError on anything it cannot make sense of.
std::int64_t readTrackEvents(ByteReader& reader, const TrackContext& context, TrackSink& sink);

}  // namespace melodyvae::midi
