// Finite-difference gradient checking in double precision: central differences, a step and a relative
// tolerance per check, points at a kink skipped. Failures print the largest relative error seen.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace melodyvae::nn::testing {

struct CheckSettings {
  double step = 1e-6;
  double relativeTolerance = 1e-6;
  double floor = 1e-8;  // relative errors are taken against max(|analytic|, |numeric|, floor)
  // If the one-sided differences disagree by more than this (relative), the point sits on a kink.
  double kinkTolerance = 1e-3;
};

// Checks analytic[i] == d loss / d values[i] for each i in `indices`. loss() is re-evaluated with values[i]
// moved by +-step. Returns the number of points skipped at kinks.
inline int checkGradientAt(const std::string& label, std::span<double> values,
                           std::span<const double> analytic, const std::vector<std::size_t>& indices,
                           const std::function<double()>& loss, CheckSettings settings = {}) {
  EXPECT_EQ(values.size(), analytic.size()) << label;
  double worst = 0;
  std::size_t worstIndex = 0;
  double worstAnalytic = 0;
  double worstNumeric = 0;
  int skipped = 0;
  const double center = loss();
  for (std::size_t i : indices) {
    const double saved = values[i];
    values[i] = saved + settings.step;
    const double plus = loss();
    values[i] = saved - settings.step;
    const double minus = loss();
    values[i] = saved;
    const double forward = (plus - center) / settings.step;
    const double backward = (center - minus) / settings.step;
    const double numeric = (plus - minus) / (2 * settings.step);
    const double scale = std::max({std::abs(forward), std::abs(backward), settings.floor});
    if (std::abs(forward - backward) / scale > settings.kinkTolerance) {
      ++skipped;
      continue;
    }
    const double error = std::abs(analytic[i] - numeric) /
                         std::max({std::abs(analytic[i]), std::abs(numeric), settings.floor});
    if (error > worst) {
      worst = error;
      worstIndex = i;
      worstAnalytic = analytic[i];
      worstNumeric = numeric;
    }
  }
  EXPECT_LE(worst, settings.relativeTolerance)
      << label << ": largest relative error " << worst << " at index " << worstIndex << " (analytic "
      << worstAnalytic << ", numeric " << worstNumeric << ")";
  return skipped;
}

// Every index of values.
inline int checkGradient(const std::string& label, std::vector<double>& values,
                         const std::vector<double>& analytic, const std::function<double()>& loss,
                         CheckSettings settings = {}) {
  std::vector<std::size_t> indices(values.size());
  for (std::size_t i = 0; i < indices.size(); ++i) indices[i] = i;
  return checkGradientAt(label, values, analytic, indices, loss, settings);
}

inline std::vector<double> randomValues(std::size_t count, std::uint64_t seed, double low = -1,
                                        double high = 1) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> distribution(low, high);
  std::vector<double> values(count);
  for (double& v : values) v = distribution(engine);
  return values;
}

inline double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

}  // namespace melodyvae::nn::testing
