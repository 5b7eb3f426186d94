// Krumhansl-Schmuckler key finding.
#include "core/music/key_finding.h"

#include <cmath>
#include <stdexcept>

namespace melodyvae::music {
namespace {

// Krumhansl & Kessler (1982), ratings of how well each pitch class fits a key, tonic first.
constexpr PitchClassWeights kMajorProfile = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09,
                                             2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr PitchClassWeights kMinorProfile = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53,
                                             2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

double pearson(const PitchClassWeights& a, const PitchClassWeights& b) {
  double meanA = 0, meanB = 0;
  for (int i = 0; i < 12; ++i) {
    meanA += a[i] / 12.0;
    meanB += b[i] / 12.0;
  }
  double covariance = 0, varianceA = 0, varianceB = 0;
  for (int i = 0; i < 12; ++i) {
    covariance += (a[i] - meanA) * (b[i] - meanB);
    varianceA += (a[i] - meanA) * (a[i] - meanA);
    varianceB += (b[i] - meanB) * (b[i] - meanB);
  }
  if (varianceA <= 0 || varianceB <= 0) return 0.0;
  return covariance / std::sqrt(varianceA * varianceB);
}

}  // namespace

double keyCorrelation(const PitchClassWeights& weights, const Scale& key) {
  if (key.mode != Mode::kMajor && key.mode != Mode::kMinor) {
    throw std::invalid_argument("keyCorrelation: only major and minor keys have a profile");
  }
  const PitchClassWeights& profile = key.mode == Mode::kMajor ? kMajorProfile : kMinorProfile;
  PitchClassWeights rotated{};  // rotated[p] = fit of pitch class p in the key
  for (int p = 0; p < 12; ++p) rotated[p] = profile[((p - key.tonic) % 12 + 12) % 12];
  return pearson(weights, rotated);
}

std::optional<KeyEstimate> estimateKey(const PitchClassWeights& weights) {
  bool anyDifferent = false;
  for (const double weight : weights) {
    if (!std::isfinite(weight) || weight < 0) return std::nullopt;
    if (weight != weights[0]) anyDifferent = true;
  }
  if (!anyDifferent) return std::nullopt;
  std::optional<KeyEstimate> best;
  for (int tonic = 0; tonic < 12; ++tonic) {
    for (const Mode mode : {Mode::kMajor, Mode::kMinor}) {
      const Scale key{tonic, mode};
      const double r = keyCorrelation(weights, key);
      if (!best || r > best->correlation) best = KeyEstimate{key, r};
    }
  }
  return best;
}

}  // namespace melodyvae::music
