// Intra- and inter-set distances, kernel densities, overlap and KL divergence.
#include "core/evaluation/set_distance.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace melodyvae::evaluation {
namespace {

double distance(const std::vector<double>& a, const std::vector<double>& b) {
  double squares = 0;
  for (std::size_t i = 0; i < a.size(); ++i) squares += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(squares);
}

constexpr int kGridPoints = 1024;

}  // namespace

std::vector<double> intraSetDistances(std::span<const std::vector<double>> set) {
  std::vector<double> out;
  for (std::size_t i = 0; i < set.size(); ++i) {
    for (std::size_t j = i + 1; j < set.size(); ++j) out.push_back(distance(set[i], set[j]));
  }
  return out;
}

std::vector<double> interSetDistances(std::span<const std::vector<double>> first,
                                      std::span<const std::vector<double>> second) {
  std::vector<double> out;
  out.reserve(first.size() * second.size());
  for (const std::vector<double>& a : first) {
    for (const std::vector<double>& b : second) out.push_back(distance(a, b));
  }
  return out;
}

KernelDensity::KernelDensity(std::vector<double> samples) : samples_(std::move(samples)) {
  if (samples_.empty()) throw std::invalid_argument("a kernel density needs at least one sample");
  const double n = static_cast<double>(samples_.size());
  double mean = 0;
  for (const double x : samples_) mean += x / n;
  double squares = 0;
  for (const double x : samples_) squares += (x - mean) * (x - mean);
  const double deviation = samples_.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  bandwidth_ = deviation > 0 ? deviation * std::pow(n, -0.2) : 1e-3;
}

double KernelDensity::operator()(double x) const {
  double sum = 0;
  for (const double sample : samples_) {
    const double u = (x - sample) / bandwidth_;
    sum += std::exp(-0.5 * u * u);
  }
  return sum / (static_cast<double>(samples_.size()) * bandwidth_ * std::sqrt(2 * std::numbers::pi));
}

double KernelDensity::low() const {
  return *std::min_element(samples_.begin(), samples_.end());
}
double KernelDensity::high() const {
  return *std::max_element(samples_.begin(), samples_.end());
}

DensityComparison compareDensities(const KernelDensity& p, const KernelDensity& q) {
  const double margin = 3 * std::max(p.bandwidth(), q.bandwidth());
  const double low = std::min(p.low(), q.low()) - margin;
  const double high = std::max(p.high(), q.high()) + margin;
  const double step = (high - low) / (kGridPoints - 1);
  DensityComparison out;
  double previousMin = 0, previousKl = 0;
  for (int i = 0; i < kGridPoints; ++i) {
    const double x = low + step * i;
    const double px = p(x), qx = q(x);
    const double minimum = std::min(px, qx);
    // Where q underflows but p does not, a floor keeps the divergence finite (and large).
    const double kl = px > 1e-300 ? px * std::log(px / std::max(qx, 1e-300)) : 0.0;
    if (i > 0) {
      out.overlapArea += 0.5 * (minimum + previousMin) * step;
      out.klDivergence += 0.5 * (kl + previousKl) * step;
    }
    previousMin = minimum;
    previousKl = kl;
  }
  out.klDivergence = std::max(out.klDivergence, 0.0);
  return out;
}

}  // namespace melodyvae::evaluation
