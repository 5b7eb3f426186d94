// The way back from a loop to MIDI notes (and a one-track Song), so a loop, decoded or extracted, can be
// played or written as a Standard MIDI File.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/loops/loop.h"
#include "core/midi/song.h"

namespace melodyvae::loops {

struct NoteRenderOptions {
  int lowestPitch = 48;        // pitch of row 0
  int ticksPerQuarter = 480;   // division of the notes produced (any value > 0)
  std::int64_t startTick = 0;  // tick of step 0 of the loop
  double offsetScale = 1.0;    // timing offset: 0 = quantized, 1 = as stored, 2 = exaggerated
  std::uint8_t channel = 0;    // 0..15
  std::uint16_t track = 0;
};

// One note per loop cell: pitch = lowestPitch + row; start = startTick + step * PPQ / 4
// + offset * offsetScale * PPQ / 8 rounded to the nearest tick (never before tick 0); length = the
// denormalized duration in steps * PPQ / 4, rounded, at least 1 tick. Sorted as Song::notes.
// Throws std::invalid_argument for ticksPerQuarter <= 0 or a pitch range leaving MIDI 0..127.
std::vector<midi::Note> loopToNotes(std::span<const LoopNote> loop, const NoteRenderOptions& options = {});

// A format-0 song of one track holding the loop's notes, with one tempo and 4/4; it ends at the end of
// the two bars or of the last note, whichever is later.
midi::Song loopToSong(std::span<const LoopNote> loop, const NoteRenderOptions& options = {},
                      double beatsPerMinute = 120.0);

}  // namespace melodyvae::loops
