// Mono/polyphonic note selection from decoded planes.
#include "core/generation/note_selection.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace melodyvae::generation {

void validateSelection(const SelectionSettings& settings) {
  const auto inUnit = [](float value) { return value >= 0.0f && value <= 1.0f; };
  if (!inUnit(settings.threshMin)) {
    throw std::invalid_argument("thresh-min " + std::to_string(settings.threshMin) + " is outside 0..1");
  }
  if (!inUnit(settings.threshMax)) {
    throw std::invalid_argument("thresh-max " + std::to_string(settings.threshMax) + " is outside 0..1");
  }
  if (settings.threshMin > settings.threshMax) {
    throw std::invalid_argument("thresh-min " + std::to_string(settings.threshMin) + " is above thresh-max " +
                                std::to_string(settings.threshMax) + ": no cell could ever be chosen");
  }
  if (settings.allowedRows == 0 || (settings.allowedRows & ~SelectionSettings::kAllRows) != 0) {
    throw std::invalid_argument("the allowed rows must be a non-empty set of rows 0.." +
                                std::to_string(loops::kRows - 1) + " (is the scale inside the pitch range?)");
  }
  if (settings.maxVoices < 1 || settings.maxVoices > loops::kRows) {
    throw std::invalid_argument("voices " + std::to_string(settings.maxVoices) + " is outside 1.." +
                                std::to_string(loops::kRows));
  }
}

loops::LoopNote noteAt(const DecodedPlanes& planes, int row, int step) {
  const int cell = row * loops::kSteps + step;
  loops::LoopNote note;
  note.row = static_cast<std::uint8_t>(row);
  note.step = static_cast<std::uint8_t>(step);
  const long velocity = std::lround(static_cast<double>(planes.velocity[cell]) * 127.0);
  note.velocity = static_cast<std::uint8_t>(std::clamp(velocity, 1L, 127L));
  note.duration = loops::encodeNormalizedDuration(planes.duration[cell]);
  note.offset = loops::encodeOffset(planes.offset[cell]);
  return note;
}

void selectNotes(const DecodedPlanes& planes, const SelectionSettings& settings, loops::Loop& out) {
  validateSelection(settings);
  out.clear();
  std::array<int, loops::kRows> candidates{};  // rows in the window at this step
  for (int step = 0; step < loops::kSteps; ++step) {
    int count = 0;
    for (int row = 0; row < loops::kRows; ++row) {
      if ((settings.allowedRows & (1u << row)) == 0) continue;
      const float p = planes.onset[row * loops::kSteps + step];
      if (p >= settings.threshMin && p <= settings.threshMax) candidates[count++] = row;
    }
    // Insertion sort by falling probability (stable, so equal probabilities keep the lower row first;
    // std::stable_sort could allocate, and this runs on the generation path).
    for (int i = 1; i < count; ++i) {
      const int row = candidates[i];
      const float p = planes.onset[row * loops::kSteps + step];
      int j = i;
      for (; j > 0 && planes.onset[candidates[j - 1] * loops::kSteps + step] < p; --j) {
        candidates[j] = candidates[j - 1];
      }
      candidates[j] = row;
    }
    const int chosen = std::min(count, settings.maxVoices);
    std::sort(candidates.begin(), candidates.begin() + chosen);
    for (int i = 0; i < chosen; ++i) out.push_back(noteAt(planes, candidates[i], step));
  }
}

}  // namespace melodyvae::generation
