// Pitch-class durations of a corpus, the input of `--key auto`.
#include "core/corpus/pitch_class_profile.h"

#include <gtest/gtest.h>

#include "tests/support/loop_note.h"

namespace melodyvae::corpus {
namespace {

using test_support::loopNote;

TEST(PitchClassDurations, SumsNoteLengthsPerPitchClassLeavingOutTransposedCopies) {
  LoopCorpus corpus(48);  // row 0 = C3
  const std::uint32_t file = corpus.addFile("a.mid");
  // C for 4 steps, E (row 4) for 2, and C an octave up (row 12) for 8: C = 12 steps, E = 2.
  const std::vector<loops::LoopNote> loop = {loopNote(0, 0, 4.0), loopNote(4, 4, 2.0), loopNote(12, 8, 8.0)};
  corpus.add(loop, {file, 0, 0});
  corpus.add(loop, {file, 0, 3});  // an augmentation copy: not counted
  const music::PitchClassWeights weights = pitchClassDurations(corpus);
  EXPECT_NEAR(weights[0], 12.0, 1e-3);
  EXPECT_NEAR(weights[4], 2.0, 1e-3);
  double total = 0;
  for (const double weight : weights) total += weight;
  EXPECT_NEAR(total, 14.0, 1e-3);
}

TEST(PitchClassDurations, FollowsTheLowestPitch) {
  LoopCorpus corpus(45);  // row 0 = A2
  corpus.add(std::vector<loops::LoopNote>{loopNote(0, 0, 4.0)});
  EXPECT_NEAR(pitchClassDurations(corpus)[9], 4.0, 1e-3);
  EXPECT_EQ(pitchClassDurations(LoopCorpus(48)), music::PitchClassWeights{});
}

}  // namespace
}  // namespace melodyvae::corpus
