// Yang & Lerch melody features.
#include "core/evaluation/melody_features.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "core/loops/duration.h"

namespace melodyvae::evaluation {
namespace {

int lengthClass(double steps) {
  int best = 0;
  for (int i = 1; i < 12; ++i) {
    if (std::abs(std::log(steps / kNoteLengthClasses[i])) <
        std::abs(std::log(steps / kNoteLengthClasses[best])))
      best = i;
  }
  return best;
}

}  // namespace

MelodyFeatures melodyFeatures(std::span<const loops::LoopNote> loop, int lowestPitch) {
  MelodyFeatures f;
  if (loop.empty()) return f;
  std::vector<int> pitches;
  for (const loops::LoopNote& note : loop) pitches.push_back(lowestPitch + note.row);
  const double notes = static_cast<double>(loop.size());
  f.noteCount = notes;
  f.pitchCount = static_cast<double>(std::set<int>(pitches.begin(), pitches.end()).size());
  const auto [low, high] = std::minmax_element(pitches.begin(), pitches.end());
  f.pitchRange = *high - *low;
  for (const int pitch : pitches) f.pitchClasses[pitch % 12] += 1.0 / notes;
  if (pitches.size() > 1) {
    const double pairs = static_cast<double>(pitches.size() - 1);
    double intervals = 0;
    for (std::size_t i = 1; i < pitches.size(); ++i) {
      intervals += std::abs(pitches[i] - pitches[i - 1]);
      f.transitions[(pitches[i - 1] % 12) * 12 + pitches[i] % 12] += 1.0 / pairs;
    }
    f.pitchInterval = intervals / pairs;
  }
  std::vector<int> onsets;
  for (const loops::LoopNote& note : loop) {
    if (onsets.empty() || onsets.back() != note.step) onsets.push_back(note.step);
  }
  if (onsets.size() > 1) {
    f.interOnset =
        static_cast<double>(onsets.back() - onsets.front()) / static_cast<double>(onsets.size() - 1);
  }
  for (const loops::LoopNote& note : loop) {
    const double steps = loops::denormalizeDuration(loops::decodeNormalizedDuration(note.duration));
    f.noteLengths[lengthClass(steps)] += 1.0 / notes;
  }
  return f;
}

const std::array<std::string, kFeatureCount>& featureNames() {
  static const std::array<std::string, kFeatureCount> names = {
      "pitch count", "pitch-class histogram", "pitch-class transitions", "pitch range", "pitch interval",
      "note count",  "inter-onset interval",  "note-length histogram"};
  return names;
}

std::vector<double> featureVector(const MelodyFeatures& f, int index) {
  switch (index) {
    case 0:
      return {f.pitchCount};
    case 1:
      return {f.pitchClasses.begin(), f.pitchClasses.end()};
    case 2:
      return {f.transitions.begin(), f.transitions.end()};
    case 3:
      return {f.pitchRange};
    case 4:
      return {f.pitchInterval};
    case 5:
      return {f.noteCount};
    case 6:
      return {f.interOnset};
    case 7:
      return {f.noteLengths.begin(), f.noteLengths.end()};
    default:
      throw std::out_of_range("featureVector: no feature " + std::to_string(index));
  }
}

}  // namespace melodyvae::evaluation
