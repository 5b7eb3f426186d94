// Scales and keys: a tonic pitch class and a mode, parsed from text such as "C:minor" or "F#:dorian", as
// the set of pitch classes (and of a loop's rows) a melody in that scale may use.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace melodyvae::music {

// Interval sets from the tonic. The seven diatonic modes, the two other common minors, both pentatonics,
// the blues scale and the chromatic one (which allows everything).
enum class Mode : std::uint8_t {
  kMajor,  // = ionian
  kMinor,  // natural minor = aeolian
  kDorian,
  kPhrygian,
  kLydian,
  kMixolydian,
  kLocrian,
  kHarmonicMinor,
  kMelodicMinor,  // ascending form
  kMajorPentatonic,
  kMinorPentatonic,
  kBlues,
  kChromatic,
};

struct Scale {
  int tonic = 0;  // pitch class 0..11, 0 = C
  Mode mode = Mode::kMajor;

  friend bool operator==(const Scale&, const Scale&) = default;
};

// Bit p (0..11) set when pitch class p belongs to the scale.
std::uint16_t pitchClassMask(const Scale& scale);

// Bit r (0..rows-1) set when row r, pitch lowestPitch + r, belongs to the scale. rows <= 32.
std::uint32_t rowMask(const Scale& scale, int lowestPitch, int rows);

// "C:minor", "f#:dorian", "Bb:major-pentatonic", "A:aeolian" (case-insensitive; ':' or ' ' between; a
// tonic alone means major). Throws std::invalid_argument saying what was wrong and what is accepted.
Scale parseScale(std::string_view text);

// "C:minor", "F#:dorian" (sharps), as parseScale reads back.
std::string scaleName(const Scale& scale);

// The mode names parseScale accepts, for help texts: "major, minor, dorian, ...".
std::string modeNamesForHelp();

// "C", "C#", ... "B" for 0..11.
std::string_view pitchClassName(int pitchClass);

}  // namespace melodyvae::music
