// Krumhansl-Schmuckler key finding against values worked out by hand.
#include "core/music/key_finding.h"

#include <cmath>

#include <gtest/gtest.h>

namespace melodyvae::music {
namespace {

TEST(KeyFinding, TheMajorProfileItselfIsItsKeyWithCorrelationOne) {
  const PitchClassWeights cMajorProfile = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09,
                                           2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
  const auto estimate = estimateKey(cMajorProfile);
  ASSERT_TRUE(estimate.has_value());
  EXPECT_EQ(estimate->key, (Scale{0, Mode::kMajor}));
  EXPECT_NEAR(estimate->correlation, 1.0, 1e-12);
  // Rotated by seven semitones it is G major.
  PitchClassWeights gMajor{};
  for (int p = 0; p < 12; ++p) gMajor[(p + 7) % 12] = cMajorProfile[p];
  EXPECT_EQ(estimateKey(gMajor)->key, (Scale{7, Mode::kMajor}));
}

TEST(KeyFinding, CorrelationMatchesAHandComputedValue) {
  // Only C sounds: weights (12, 0, ..., 0) have mean 1 and deviations (11, -1, ..., -1); the C major profile
  // has mean 41.79 / 12 = 3.4825. r = sum(dw * dp) / sqrt(sum dw^2 * sum dp^2) where sum dw * dp =
  // 12 * (6.35 - 3.4825) = 34.41 (the deviations dp sum to 0), sum dw^2 = 121 + 11 = 132, sum dp^2 as
  // computed below; r = 0.68447.
  PitchClassWeights onlyC{};
  onlyC[0] = 12.0;
  const double profile[12] = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
  double squares = 0;
  for (const double p : profile) squares += (p - 3.4825) * (p - 3.4825);
  const double expected = 34.41 / std::sqrt(132.0 * squares);
  EXPECT_NEAR(keyCorrelation(onlyC, {0, Mode::kMajor}), expected, 1e-12);
  EXPECT_NEAR(expected, 0.68447, 1e-5);
}

TEST(KeyFinding, AMinorMelodyIsFoundAsMinor) {
  // A natural minor with the tonic triad (A C E) held longest: A minor, not its relative C major.
  PitchClassWeights weights{};
  for (const int p : {9, 11, 0, 2, 4, 5, 7}) weights[p] = 1.0;
  weights[9] = 6;
  weights[0] = 3;
  weights[4] = 4;
  const auto estimate = estimateKey(weights);
  ASSERT_TRUE(estimate.has_value());
  EXPECT_EQ(estimate->key, (Scale{9, Mode::kMinor}));
  EXPECT_GT(estimate->correlation, keyCorrelation(weights, {0, Mode::kMajor}));
}

TEST(KeyFinding, NoKeyWithoutAnythingThatStandsOut) {
  EXPECT_FALSE(estimateKey(PitchClassWeights{}).has_value());
  PitchClassWeights flat;
  flat.fill(3.0);
  EXPECT_FALSE(estimateKey(flat).has_value());
  PitchClassWeights negative{};
  negative[0] = -1.0;
  EXPECT_FALSE(estimateKey(negative).has_value());
  PitchClassWeights notFinite{};
  notFinite[2] = std::nan("");
  EXPECT_FALSE(estimateKey(notFinite).has_value());
  EXPECT_THROW(keyCorrelation(flat, {0, Mode::kDorian}), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::music
