// Reading Standard MIDI Files (formats 0, 1 and 2) into a Song. What is tolerated and what is refused is
// listed in docs/midi-reading.md; everything refused is a MidiError naming the file and the byte offset.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "core/midi/midi_error.h"
#include "core/midi/song.h"

namespace melodyvae::midi {

// Parses a whole file held in memory. `fileName` is only used in error and warning messages.
// Throws MidiError for a malformed file; tolerated defects become lines in Song::warnings.
Song parseSmf(std::span<const std::uint8_t> bytes, const std::string& fileName);

// Reads and parses a file (at most 256 MiB). Throws melodyvae::FileReadError when the file cannot be read
// and MidiError when it is not a usable MIDI file.
Song readSmfFile(const std::filesystem::path& path);

}  // namespace melodyvae::midi
