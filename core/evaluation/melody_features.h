// The per-melody features of Yang & Lerch (2018), "On the evaluation of generative models in music"
// (Neural Computing and Applications), computed on one 2-bar loop; times in sixteenth steps, pitches in MIDI
// numbers (lowestPitch + row). Notes are taken in loop order: by step, then row.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "core/loops/loop.h"

namespace melodyvae::evaluation {

struct MelodyFeatures {
  double pitchCount = 0;                  // PC: distinct pitches
  std::array<double, 12> pitchClasses{};  // PCH: share of notes per pitch class (sums to 1; 0s if empty)
  std::array<double, 144> transitions{};  // PCTM: share of consecutive-note pairs (from * 12 + to)
  double pitchRange = 0;                  // PR: highest minus lowest pitch, semitones
  double pitchInterval = 0;               // PI: mean absolute interval of consecutive notes, semitones
  double noteCount = 0;                   // NC
  double interOnset = 0;                  // IOI: mean gap between consecutive distinct onsets, steps
  std::array<double, 12> noteLengths{};   // NLH: share of notes per length class (kNoteLengthClasses)
};

// The 12 length classes of Yang & Lerch in sixteenth steps: whole, half, quarter, 8th, 16th, dotted half,
// dotted quarter, dotted 8th, dotted 16th, half triplet, quarter triplet, 8th triplet. A note falls in the
// class nearest to its length on a log scale.
inline constexpr std::array<double, 12> kNoteLengthClasses = {16.0, 8.0, 4.0, 2.0,      1.0,     12.0,
                                                              6.0,  3.0, 1.5, 16.0 / 3, 8.0 / 3, 4.0 / 3};

MelodyFeatures melodyFeatures(std::span<const loops::LoopNote> loop, int lowestPitch);

// The features by name, in the order reported ("pitch count", "pitch-class histogram", ...), each as a
// vector (scalars have one element) for distance computations.
inline constexpr int kFeatureCount = 8;
const std::array<std::string, kFeatureCount>& featureNames();
std::vector<double> featureVector(const MelodyFeatures& features, int index);

}  // namespace melodyvae::evaluation
