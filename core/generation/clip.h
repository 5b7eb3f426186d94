// A clip as a host gives it (Ableton Live's clip API, the Max device's encode_add): notes with start and
// length in beats (quarter notes), turned into a song the loop extractor and the encoder understand.
#pragma once

#include <span>

#include "core/midi/song.h"

namespace melodyvae::generation {

struct ClipNote {
  int pitch = 60;           // MIDI 0..127
  double startBeats = 0.0;  // from the start of the clip, in quarter notes
  double durationBeats = 0.25;
  int velocity = 100;  // 1..127 (clamped)
  bool muted = false;  // muted notes are skipped, as Live plays them
};

inline constexpr int kClipTicksPerQuarter = 960;

// The clip's unmuted notes at 960 ticks per quarter, 4/4, 120 BPM. Throws std::invalid_argument naming the
// note (by index) when its pitch is outside 0..127 or its start or length is negative or not finite.
midi::Song clipToSong(std::span<const ClipNote> notes);

}  // namespace melodyvae::generation
