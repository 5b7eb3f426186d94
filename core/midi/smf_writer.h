// Writing a Song as a format-1 Standard MIDI File that DAWs open: track 0 holds the tempo map and time
// signatures, then one track per distinct Note::track value, in ascending order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/midi/song.h"

namespace melodyvae::midi {

// The whole file in memory. Throws std::invalid_argument naming the offending note, tempo or time
// signature when the song cannot be written (pitch > 127, channel > 15, velocity 0 or > 127, negative
// ticks, endTick < startTick, a denominator that is not a power of two up to 128, ticksPerQuarter 0 or
// > 32767, a tempo of 0 or more than 0xFFFFFF microseconds per quarter, more than 65534 note tracks).
// Reading the result gives the same notes (Note::track renumbered: the i-th distinct track value becomes
// track i + 1), tempos, time signatures and endTick, provided overlapping notes of one pitch and channel
// end in the order they started (a file cannot say otherwise; every Song read from a file does).
std::vector<std::uint8_t> encodeSmf(const Song& song);

// encodeSmf written atomically (temporary file + rename); throws melodyvae::FileWriteError on failure.
void writeSmfFile(const std::filesystem::path& path, const Song& song);

}  // namespace melodyvae::midi
