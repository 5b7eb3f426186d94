// Reconstruction counts and scores against values worked out by hand, and the frequent-cells baseline.
#include "core/evaluation/reconstruction_metrics.h"

#include <gtest/gtest.h>

#include "core/evaluation/reconstruction.h"
#include "tests/support/loop_note.h"

namespace melodyvae::evaluation {
namespace {

using test_support::loopNote;

TEST(ReconstructionMetrics, MatchHandCountedValues) {
  // Truth: (step 0, row 5), (4, 7), (8, 9), (12, 2). Decoded: (0, 5) exact cell, (4, 8) right step wrong
  // row, (10, 3) a false alarm; (8, 9) and (12, 2) missed.
  const loops::Loop truth = {loopNote(5, 0, 2.0, 100, 0.0), loopNote(7, 4), loopNote(9, 8), loopNote(2, 12)};
  const loops::Loop decoded = {loopNote(5, 0, 4.0, 90, 0.5), loopNote(8, 4), loopNote(3, 10)};
  ReconstructionCounts counts;
  counts.add(truth, decoded);
  EXPECT_EQ(counts.cellHits, 1);
  EXPECT_EQ(counts.cellFalseAlarms, 2);
  EXPECT_EQ(counts.cellMisses, 3);
  EXPECT_EQ(counts.stepHits, 2);         // steps 0 and 4
  EXPECT_EQ(counts.stepFalseAlarms, 1);  // step 10
  EXPECT_EQ(counts.stepMisses, 2);       // steps 8 and 12
  EXPECT_EQ(counts.sharedSteps, 2);
  EXPECT_EQ(counts.rightPitchSteps, 1);  // step 0 only
  const ReconstructionScores scores = scoresOf(counts);
  EXPECT_DOUBLE_EQ(scores.precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(scores.recall, 1.0 / 4);
  EXPECT_NEAR(scores.f1, 2.0 / 7, 1e-12);  // 2 * (1/3) * (1/4) / (1/3 + 1/4)
  EXPECT_DOUBLE_EQ(scores.rhythmPrecision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(scores.rhythmRecall, 2.0 / 4);
  EXPECT_NEAR(scores.rhythmF1, 4.0 / 7, 1e-12);
  EXPECT_DOUBLE_EQ(scores.pitchAccuracy, 0.5);
  EXPECT_EQ(scores.matchedCells, 1);
  EXPECT_DOUBLE_EQ(scores.velocityMae, 10.0);
  EXPECT_NEAR(scores.durationMae, 2.0, 1e-3);  // 4 steps against 2
  EXPECT_NEAR(scores.timingMae, 0.25, 1e-4);   // offset 0.5 = a quarter of a step
}

TEST(ReconstructionMetrics, SumBeforeDividingAndStayDefinedWhenSilent) {
  ReconstructionCounts counts;
  const loops::Loop one = {loopNote(1, 1)};
  counts.add(one, one);  // 1 hit
  counts.add(one, {});   // 1 miss
  counts.add({}, {});    // nothing
  const ReconstructionScores scores = scoresOf(counts);
  EXPECT_EQ(scores.windows, 3);
  EXPECT_DOUBLE_EQ(scores.precision, 1.0);
  EXPECT_DOUBLE_EQ(scores.recall, 0.5);
  const ReconstructionScores silent = scoresOf(ReconstructionCounts{});
  EXPECT_EQ(silent.f1, 0.0);
  EXPECT_EQ(silent.pitchAccuracy, 0.0);
  EXPECT_EQ(silent.velocityMae, 0.0);
}

TEST(FrequentCellsLoop, TakesTheMedianCountOfTheMostFrequentCellsOnePerStep) {
  corpus::LoopCorpus training(48);
  // Cell (step 0, row 4) in all three loops, (0, 6) in two (same step: left out), (8, 2) in two, (16, 1) in
  // one; sizes 3, 3, 2: the median is 3.
  training.add(std::vector<loops::LoopNote>{loopNote(4, 0, 2.0, 90), loopNote(2, 8), loopNote(1, 16)});
  training.add(std::vector<loops::LoopNote>{loopNote(4, 0, 2.0, 110), loopNote(6, 1), loopNote(2, 8)});
  training.add(std::vector<loops::LoopNote>{loopNote(4, 0, 2.0), loopNote(6, 2)});
  training.add(std::vector<loops::LoopNote>{loopNote(9, 9)}, {0, 0, 5});  // a transposed copy: left out
  const loops::Loop loop = frequentCellsLoop(training);
  ASSERT_EQ(loop.size(), 3u);
  EXPECT_EQ(loop[0].step, 0);
  EXPECT_EQ(loop[0].row, 4);
  EXPECT_EQ(loop[0].velocity, 100);  // the mean of 90, 110, 100
  EXPECT_EQ(loop[1].step, 1);        // count 1 ties are broken by step: (1, 6) before (2, 6), (16, 1)
  EXPECT_EQ(loop[2].step, 8);
  EXPECT_EQ(loop[2].row, 2);
  EXPECT_TRUE(frequentCellsLoop(corpus::LoopCorpus(48)).empty());
}

}  // namespace
}  // namespace melodyvae::evaluation
