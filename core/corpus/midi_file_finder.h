// Finding MIDI files: the files and folders a musician names, folders searched recursively for .mid and
// .midi in any letter case, in a sorted, repeatable order. No shell globbing: names with spaces and
// []?*!|@ are just names. Directory symlinks are not followed, so symlink loops cannot hang the search.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace melodyvae::corpus {

// An input that gave no file, and why (a sentence for the musician, naming the input).
struct InputProblem {
  std::filesystem::path input;
  std::string reason;  // e.g. "no .mid or .midi files found in 'loops/'"
};

struct MidiFileList {
  std::vector<std::filesystem::path> files;  // inputs in the order given; each folder's files sorted
  std::vector<InputProblem> problems;        // in the order of the inputs
};

// True for names ending in .mid or .midi, any letter case (".MID", ".Midi").
bool hasMidiExtension(const std::filesystem::path& file);

// Expands `inputs`: a file is taken as it is, whatever its name (the musician named it); a folder
// (with or without a trailing slash) gives every .mid/.midi file below it, except AppleDouble "._*"
// companions. A file reached twice (e.g. named and inside a named folder) is listed once.
// A missing input, an unreadable folder or a folder without MIDI files becomes a problem.
MidiFileList findMidiFiles(std::span<const std::filesystem::path> inputs);

}  // namespace melodyvae::corpus
