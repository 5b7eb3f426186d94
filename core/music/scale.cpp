// Scale parsing and pitch-class sets.
#include "core/music/scale.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace melodyvae::music {
namespace {

struct ModeEntry {
  std::string_view name;
  Mode mode;
  std::vector<int> intervals;  // semitones above the tonic
};

// The first name of each mode is the one scaleName writes; later ones are accepted aliases.
const std::vector<ModeEntry>& modeTable() {
  static const std::vector<ModeEntry> table = {
      {"major", Mode::kMajor, {0, 2, 4, 5, 7, 9, 11}},
      {"ionian", Mode::kMajor, {0, 2, 4, 5, 7, 9, 11}},
      {"minor", Mode::kMinor, {0, 2, 3, 5, 7, 8, 10}},
      {"aeolian", Mode::kMinor, {0, 2, 3, 5, 7, 8, 10}},
      {"dorian", Mode::kDorian, {0, 2, 3, 5, 7, 9, 10}},
      {"phrygian", Mode::kPhrygian, {0, 1, 3, 5, 7, 8, 10}},
      {"lydian", Mode::kLydian, {0, 2, 4, 6, 7, 9, 11}},
      {"mixolydian", Mode::kMixolydian, {0, 2, 4, 5, 7, 9, 10}},
      {"locrian", Mode::kLocrian, {0, 1, 3, 5, 6, 8, 10}},
      {"harmonic-minor", Mode::kHarmonicMinor, {0, 2, 3, 5, 7, 8, 11}},
      {"melodic-minor", Mode::kMelodicMinor, {0, 2, 3, 5, 7, 9, 11}},
      {"major-pentatonic", Mode::kMajorPentatonic, {0, 2, 4, 7, 9}},
      {"pentatonic", Mode::kMajorPentatonic, {0, 2, 4, 7, 9}},
      {"minor-pentatonic", Mode::kMinorPentatonic, {0, 3, 5, 7, 10}},
      {"blues", Mode::kBlues, {0, 3, 5, 6, 7, 10}},
      {"chromatic", Mode::kChromatic, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
  };
  return table;
}

const ModeEntry& entryOf(Mode mode) {
  for (const ModeEntry& entry : modeTable()) {
    if (entry.mode == mode) return entry;
  }
  throw std::logic_error("scale: unknown mode");
}

constexpr std::array<std::string_view, 12> kPitchClassNames = {"C",  "C#", "D",  "D#", "E",  "F",
                                                               "F#", "G",  "G#", "A",  "A#", "B"};

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "C", "c#", "Db", "bb" -> 0..11; -1 when it is not a note name.
int parseTonic(std::string_view text) {
  if (text.empty() || text.size() > 2) return -1;
  static constexpr int kNaturals[7] = {9, 11, 0, 2, 4, 5, 7};  // a b c d e f g
  const char letter = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  if (letter < 'a' || letter > 'g') return -1;
  int pitchClass = kNaturals[letter - 'a'];
  if (text.size() == 2) {
    if (text[1] == '#') {
      pitchClass += 1;
    } else if (text[1] == 'b' || text[1] == 'B') {
      pitchClass += 11;
    } else {
      return -1;
    }
  }
  return pitchClass % 12;
}

}  // namespace

std::uint16_t pitchClassMask(const Scale& scale) {
  std::uint16_t mask = 0;
  for (const int interval : entryOf(scale.mode).intervals) {
    mask = static_cast<std::uint16_t>(mask | (1u << ((scale.tonic + interval) % 12)));
  }
  return mask;
}

std::uint32_t rowMask(const Scale& scale, int lowestPitch, int rows) {
  if (rows < 0 || rows > 32) throw std::invalid_argument("rowMask: rows must be 0..32");
  const std::uint16_t classes = pitchClassMask(scale);
  std::uint32_t mask = 0;
  for (int row = 0; row < rows; ++row) {
    const int pitchClass = ((lowestPitch + row) % 12 + 12) % 12;
    if (classes & (1u << pitchClass)) mask |= 1u << row;
  }
  return mask;
}

Scale parseScale(std::string_view text) {
  const std::string help =
      "give a tonic and a mode such as C:minor, F#:dorian or Bb:major (modes: " + modeNamesForHelp() + ")";
  const std::size_t separator = text.find_first_of(": ");
  const std::string_view tonicText = text.substr(0, separator);
  const std::string modeText =
      separator == std::string_view::npos ? std::string("major") : lowercase(text.substr(separator + 1));
  const int tonic = parseTonic(tonicText);
  if (tonic < 0) {
    throw std::invalid_argument("scale '" + std::string(text) + "': '" + std::string(tonicText) +
                                "' is not a note name; " + help);
  }
  for (const ModeEntry& entry : modeTable()) {
    if (entry.name == modeText) return Scale{tonic, entry.mode};
  }
  throw std::invalid_argument("scale '" + std::string(text) + "': '" + modeText + "' is not a mode; " + help);
}

std::string scaleName(const Scale& scale) {
  return std::string(pitchClassName(scale.tonic)) + ":" + std::string(entryOf(scale.mode).name);
}

std::string modeNamesForHelp() {
  std::string names;
  for (const ModeEntry& entry : modeTable()) {
    if (!names.empty()) names += ", ";
    names += entry.name;
  }
  return names;
}

std::string_view pitchClassName(int pitchClass) {
  return kPitchClassNames.at(((pitchClass % 12) + 12) % 12);
}

}  // namespace melodyvae::music
