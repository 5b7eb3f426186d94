// The most likely key of a body of music from how long each pitch class sounds: the Krumhansl-Schmuckler
// algorithm with the Krumhansl-Kessler (1982) probe-tone profiles. Of the 24 major and minor keys it picks
// the one whose profile, rotated to that tonic, correlates best (Pearson) with the pitch-class weights.
#pragma once

#include <array>
#include <optional>

#include "core/music/scale.h"

namespace melodyvae::music {

using PitchClassWeights = std::array<double, 12>;  // index 0 = C; e.g. summed note lengths in steps

struct KeyEstimate {
  Scale key;                 // tonic and Mode::kMajor or Mode::kMinor
  double correlation = 0.0;  // Pearson r of the best key, -1..1
};

// nullopt when the weights are all equal (no notes, or every pitch class alike: no key stands out) or any
// is negative or not finite. Ties go to the lower tonic, major before minor.
std::optional<KeyEstimate> estimateKey(const PitchClassWeights& weights);

// Pearson correlation of `weights` with the profile of `key` (major or minor only).
double keyCorrelation(const PitchClassWeights& weights, const Scale& key);

}  // namespace melodyvae::music
