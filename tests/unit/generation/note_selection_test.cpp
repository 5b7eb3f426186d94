// Note selection on hand-made planes: the monophonic and polyphonic rules, thresholds, and note values.
#include "core/generation/note_selection.h"

#include <gtest/gtest.h>

#include <vector>

namespace melodyvae::generation {
namespace {

constexpr int cellOf(int row, int step) {
  return row * loops::kSteps + step;
}

struct HandPlanes {
  std::vector<float> onset = std::vector<float>(loops::kCells, 0.0f);
  std::vector<float> velocity = std::vector<float>(loops::kCells, 0.5f);
  std::vector<float> duration = std::vector<float>(loops::kCells, 0.25f);
  std::vector<float> offset = std::vector<float>(loops::kCells, 0.0f);
  DecodedPlanes view() const { return {onset, velocity, duration, offset}; }
};

std::vector<std::pair<int, int>> stepsAndRows(const loops::Loop& loop) {
  std::vector<std::pair<int, int>> out;
  for (const loops::LoopNote& note : loop) out.emplace_back(note.step, note.row);
  return out;
}

TEST(NoteSelection, MonophonicTakesTheMostLikelyRowInTheWindowAndRestsOtherwise) {
  HandPlanes planes;
  planes.onset[cellOf(3, 0)] = 0.6f;
  planes.onset[cellOf(10, 0)] = 0.9f;  // highest at step 0
  planes.onset[cellOf(5, 1)] = 0.4f;   // below thresh-min 0.5: step 1 rests
  planes.onset[cellOf(7, 2)] = 0.5f;   // exactly thresh-min: inside the window
  planes.onset[cellOf(1, 3)] = 0.99f;  // above thresh-max 0.95: excluded...
  planes.onset[cellOf(2, 3)] = 0.7f;   // ...so the next one is chosen
  loops::Loop out;
  selectNotes(planes.view(), {0.5f, 0.95f, 1}, out);
  EXPECT_EQ(stepsAndRows(out), (std::vector<std::pair<int, int>>{{0, 10}, {2, 7}, {3, 2}}));
}

TEST(NoteSelection, RowsOutsideTheAllowedSetAreLeftOutBeforeTheWindow) {
  HandPlanes planes;
  planes.onset[cellOf(1, 0)] = 0.9f;  // most likely, but not allowed
  planes.onset[cellOf(2, 0)] = 0.6f;  // allowed: chosen instead of a rest
  planes.onset[cellOf(3, 1)] = 0.8f;  // not allowed, and nothing else at step 1: a rest
  SelectionSettings settings{0.5f, 1.0f, 1};
  settings.allowedRows = SelectionSettings::kAllRows & ~((1u << 1) | (1u << 3));
  loops::Loop out;
  selectNotes(planes.view(), settings, out);
  EXPECT_EQ(stepsAndRows(out), (std::vector<std::pair<int, int>>{{0, 2}}));
  settings.allowedRows = 0;
  EXPECT_THROW(selectNotes(planes.view(), settings, out), std::invalid_argument);
  settings.allowedRows = 1u << 24;  // beyond the 24 rows
  EXPECT_THROW(selectNotes(planes.view(), settings, out), std::invalid_argument);
}

TEST(NoteSelection, MonophonicTieGoesToTheLowerRow) {
  HandPlanes planes;
  planes.onset[cellOf(9, 4)] = 0.8f;
  planes.onset[cellOf(4, 4)] = 0.8f;
  loops::Loop out;
  selectNotes(planes.view(), {0.5f, 1.0f, 1}, out);
  EXPECT_EQ(stepsAndRows(out), (std::vector<std::pair<int, int>>{{4, 4}}));
}

TEST(NoteSelection, PolyphonicKeepsTheMostLikelyVoicesSortedByRow) {
  HandPlanes planes;
  planes.onset[cellOf(0, 5)] = 0.55f;
  planes.onset[cellOf(12, 5)] = 0.95f;
  planes.onset[cellOf(20, 5)] = 0.75f;
  planes.onset[cellOf(6, 5)] = 0.65f;
  planes.onset[cellOf(8, 5)] = 0.2f;  // outside the window
  planes.onset[cellOf(2, 31)] = 0.6f;
  loops::Loop out;
  selectNotes(planes.view(), {0.5f, 1.0f, 3}, out);
  EXPECT_EQ(stepsAndRows(out), (std::vector<std::pair<int, int>>{{5, 6}, {5, 12}, {5, 20}, {31, 2}}));
  selectNotes(planes.view(), {0.5f, 1.0f, 24}, out);
  EXPECT_EQ(out.size(), 5u);
  selectNotes(planes.view(), {0.7f, 0.9f, 24}, out);
  EXPECT_EQ(stepsAndRows(out), (std::vector<std::pair<int, int>>{{5, 20}}));
}

TEST(NoteSelection, ZeroThresholdFillsEveryStep) {
  HandPlanes planes;
  loops::Loop out;
  selectNotes(planes.view(), {0.0f, 1.0f, 1}, out);
  EXPECT_EQ(out.size(), static_cast<std::size_t>(loops::kSteps));
  for (const loops::LoopNote& note : out) EXPECT_EQ(note.row, 0) << "all rows tie at 0: the lowest wins";
}

TEST(NoteSelection, NoteValuesComeFromTheOtherPlanes) {
  HandPlanes planes;
  const int cell = cellOf(11, 7);
  planes.onset[cell] = 0.8f;
  for (const auto& [velocity, expected] : std::vector<std::pair<float, int>>{
           {0.0f, 1}, {0.5f, 64}, {100.0f / 127.0f, 100}, {1.0f, 127}, {1.3f, 127}}) {
    planes.velocity[cell] = velocity;
    planes.duration[cell] = 0.375f;
    planes.offset[cell] = -0.25f;
    const loops::LoopNote note = noteAt(planes.view(), 11, 7);
    EXPECT_EQ(note.row, 11);
    EXPECT_EQ(note.step, 7);
    EXPECT_EQ(note.velocity, expected) << "velocity plane " << velocity;
    EXPECT_EQ(note.duration, loops::encodeNormalizedDuration(0.375));
    EXPECT_EQ(note.offset, loops::encodeOffset(-0.25));
  }
}

TEST(NoteSelection, InvalidSettingsNameTheArgument) {
  HandPlanes planes;
  loops::Loop out;
  const auto message = [&](SelectionSettings settings) -> std::string {
    try {
      selectNotes(planes.view(), settings, out);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "accepted";
  };
  EXPECT_NE(message({0.8f, 0.5f, 1}).find("thresh-min"), std::string::npos);
  EXPECT_NE(message({-0.1f, 0.5f, 1}).find("thresh-min"), std::string::npos);
  EXPECT_NE(message({0.1f, 1.5f, 1}).find("thresh-max"), std::string::npos);
  EXPECT_NE(message({0.1f, 0.5f, 0}).find("voices"), std::string::npos);
  EXPECT_NE(message({0.1f, 0.5f, 25}).find("voices"), std::string::npos);
}

}  // namespace
}  // namespace melodyvae::generation
