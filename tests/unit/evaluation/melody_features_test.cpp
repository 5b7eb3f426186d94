// Yang & Lerch features and set distances against values worked out by hand.
#include "core/evaluation/melody_features.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "core/evaluation/melody_sets.h"
#include "core/evaluation/set_distance.h"
#include "tests/support/loop_note.h"

namespace melodyvae::evaluation {
namespace {

using test_support::loopNote;

TEST(MelodyFeatures, MatchHandComputedValues) {
  // From C3 (48): C3 at step 0 (a quarter), E3 at 4 (an eighth), G3 at 6 (an eighth), C4 at 12 (a dotted
  // quarter), E3 at 12 too (a chord with C4: row order puts E3 first).
  const loops::Loop loop = {loopNote(0, 0, 4.0), loopNote(4, 4, 2.0), loopNote(7, 6, 2.0),
                            loopNote(4, 12, 6.0), loopNote(12, 12, 6.0)};
  const MelodyFeatures f = melodyFeatures(loop, 48);
  EXPECT_EQ(f.noteCount, 5);
  EXPECT_EQ(f.pitchCount, 4);  // C3 E3 G3 C4
  EXPECT_EQ(f.pitchRange, 12);
  // Pitches in order 48 52 55 52 60: intervals 4, 3, 3, 8 -> mean 4.5.
  EXPECT_DOUBLE_EQ(f.pitchInterval, 4.5);
  EXPECT_DOUBLE_EQ(f.pitchClasses[0], 2.0 / 5);
  EXPECT_DOUBLE_EQ(f.pitchClasses[4], 2.0 / 5);
  EXPECT_DOUBLE_EQ(f.pitchClasses[7], 1.0 / 5);
  // Transitions C->E, E->G, G->E, E->C: a quarter each.
  EXPECT_DOUBLE_EQ(f.transitions[0 * 12 + 4], 0.25);
  EXPECT_DOUBLE_EQ(f.transitions[4 * 12 + 7], 0.25);
  EXPECT_DOUBLE_EQ(f.transitions[7 * 12 + 4], 0.25);
  EXPECT_DOUBLE_EQ(f.transitions[4 * 12 + 0], 0.25);
  // Distinct onsets 0, 4, 6, 12: mean gap 12 / 3 = 4 steps.
  EXPECT_DOUBLE_EQ(f.interOnset, 4.0);
  // Lengths: one quarter (class 2), two eighths (class 3), two dotted quarters (class 6).
  EXPECT_NEAR(f.noteLengths[2], 0.2, 1e-12);
  EXPECT_NEAR(f.noteLengths[3], 0.4, 1e-12);
  EXPECT_NEAR(f.noteLengths[6], 0.4, 1e-12);
  EXPECT_EQ(featureVector(f, 2).size(), 144u);
  EXPECT_EQ(featureNames()[6], "inter-onset interval");
  const MelodyFeatures empty = melodyFeatures({}, 48);
  EXPECT_EQ(empty.noteCount, 0);
  EXPECT_EQ(empty.interOnset, 0);
}

TEST(SetDistance, PairsAndCrossPairs) {
  const std::vector<std::vector<double>> a = {{0.0, 0.0}, {3.0, 4.0}, {0.0, 1.0}};
  const std::vector<std::vector<double>> b = {{0.0, 0.0}};
  EXPECT_EQ(intraSetDistances(a), (std::vector<double>{5.0, 1.0, std::sqrt(18.0)}));
  EXPECT_EQ(interSetDistances(a, b), (std::vector<double>{0.0, 5.0, 1.0}));
}

TEST(KernelDensity, ScottsBandwidthAndItsDensity) {
  // Samples 0 and 2: standard deviation (n - 1) sqrt(2), bandwidth sqrt(2) * 2^(-1/5).
  const KernelDensity density({0.0, 2.0});
  const double h = std::sqrt(2.0) * std::pow(2.0, -0.2);
  EXPECT_NEAR(density.bandwidth(), h, 1e-12);
  // At x = 1 both kernels give N(1; 0, h): density = exp(-1 / (2 h^2)) / (h sqrt(2 pi)).
  EXPECT_NEAR(density(1.0), std::exp(-0.5 / (h * h)) / (h * std::sqrt(2 * std::numbers::pi)), 1e-12);
  EXPECT_EQ(KernelDensity({3.0, 3.0}).bandwidth(), 1e-3);
  EXPECT_THROW(KernelDensity({}), std::invalid_argument);
}

TEST(CompareDensities, OneForTheSameDensityNoneForFarApartOnes) {
  const KernelDensity p({0.0, 1.0, 2.0, 3.0});
  const DensityComparison same = compareDensities(p, p);
  EXPECT_NEAR(same.overlapArea, 1.0, 1e-3);
  EXPECT_NEAR(same.klDivergence, 0.0, 1e-9);
  const DensityComparison far = compareDensities(p, KernelDensity({100.0, 101.0, 102.0, 103.0}));
  EXPECT_LT(far.overlapArea, 1e-6);
  EXPECT_GT(far.klDivergence, 100.0);
  // Two unit-variance-like normals shifted: the overlap falls as they part.
  const KernelDensity shifted({0.5, 1.5, 2.5, 3.5});
  const DensityComparison near = compareDensities(p, shifted);
  EXPECT_GT(near.overlapArea, far.overlapArea);
  EXPECT_LT(near.overlapArea, 1.0);
}

TEST(MelodySets, ASetIsCloserToItselfThanToADifferentOne) {
  std::vector<loops::Loop> low, high;
  for (int i = 0; i < 12; ++i) {
    low.push_back({loopNote(i % 5, 0, 2.0), loopNote(i % 3, 4, 2.0), loopNote(2, 8 + i % 4, 4.0)});
    high.push_back({loopNote(20, 0, 1.0), loopNote(23, 1, 1.0), loopNote(12, 2, 1.0),
                    loopNote(22, 3 + i, 1.0), loopNote(13, 20, 1.0), loopNote(23 - i % 3, 24, 1.0)});
  }
  const std::vector<FeatureComparison> self = compareMelodySets(low, low, 48);
  const std::vector<FeatureComparison> other = compareMelodySets(low, high, 48);
  ASSERT_EQ(self.size(), static_cast<std::size_t>(kFeatureCount));
  for (int f = 0; f < kFeatureCount; ++f) {
    EXPECT_GT(self[f].overlapArea, other[f].overlapArea) << self[f].name;
    EXPECT_LT(self[f].klDivergence, other[f].klDivergence) << self[f].name;
  }
  ASSERT_TRUE(other[5].referenceMean.has_value());
  EXPECT_DOUBLE_EQ(*other[5].referenceMean, 3.0);  // note count
  EXPECT_DOUBLE_EQ(*other[5].generatedMean, 6.0);
  EXPECT_FALSE(other[1].referenceMean.has_value());  // a histogram has no single mean
  EXPECT_THROW(compareMelodySets(std::span(low).first(1), high, 48), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::evaluation
