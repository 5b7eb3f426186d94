// SMPTE-division files count ticks in time (frames per second x ticks per frame), not in beats. MelodyVAE
// quantizes in beats, so the reader converts such files to 480 ticks per quarter note through the file's
// tempo map (120 BPM where the file has none), as a player would hear it.
#pragma once

#include <cstdint>

#include "core/midi/song.h"

namespace melodyvae::midi {

inline constexpr std::uint16_t kSmpteTicksPerQuarter = 480;

// framesPerSecond: 24, 25, 29 (meaning 30000/1001, drop-frame) or 30; ticksPerFrame >= 1.
// Rewrites every tick of `song` (notes, tempos, time signatures, endTick), whose tempos must be sorted by
// tick and still in SMPTE ticks, and sets ticksPerQuarter to 480. Ticks are rounded to the nearest.
void convertSmpteTicks(Song& song, std::uint8_t framesPerSecond, std::uint8_t ticksPerFrame);

}  // namespace melodyvae::midi
