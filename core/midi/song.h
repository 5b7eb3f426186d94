// What a Standard MIDI File means to MelodyVAE: notes with start and end in ticks, the tempo map and the
// time signatures. Produced by the SMF reader, consumed by the loop extractor and the SMF writer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace melodyvae::midi {

// One sounding note. Ticks are absolute from the start of the file, in the file's division.
struct Note {
  std::int64_t startTick = 0;
  std::int64_t endTick = 0;     // >= startTick; a zero-length note has endTick == startTick
  std::uint8_t pitch = 60;      // MIDI note number 0..127
  std::uint8_t velocity = 100;  // 1..127
  std::uint8_t channel = 0;     // 0..15; 9 is General MIDI drums (shown to people as channel 10)
  std::uint16_t track = 0;      // index of the track chunk it came from

  friend bool operator==(const Note&, const Note&) = default;
};

struct TempoChange {
  std::int64_t tick = 0;
  std::uint32_t microsecondsPerQuarter = 500000;  // 120 BPM

  double beatsPerMinute() const { return 60'000'000.0 / microsecondsPerQuarter; }
  friend bool operator==(const TempoChange&, const TempoChange&) = default;
};

struct TimeSignature {
  std::int64_t tick = 0;
  std::uint8_t numerator = 4;
  std::uint8_t denominator = 4;  // the actual note value (4 = quarter), not the file's power of two

  friend bool operator==(const TimeSignature&, const TimeSignature&) = default;
};

// A whole file. Notes are sorted by (startTick, pitch, channel, track).
struct Song {
  std::uint16_t format = 1;
  std::uint16_t ticksPerQuarter = 480;  // SMPTE files are converted to this on reading
  std::uint16_t trackCount = 0;
  std::vector<Note> notes;
  std::vector<TempoChange> tempos;            // sorted by tick; empty means 120 BPM throughout
  std::vector<TimeSignature> timeSignatures;  // sorted by tick; empty means 4/4 throughout
  std::int64_t endTick = 0;                   // the latest event of any track
  // Defects the reader tolerated, one human-readable line each (e.g. "track 2: missing end-of-track").
  std::vector<std::string> warnings;
};

}  // namespace melodyvae::midi
