// Comparing two sets of melodies feature by feature, as Yang & Lerch (2018): the distances between every
// pair within a set (intra-set) and across the sets (inter-set), smoothed into densities by Gaussian
// kernel density estimation, then the overlapped area of the two densities and the Kullback-Leibler
// divergence of the inter-set density from the intra-set one.
//
// Unlike the authors' mgeval code, which integrates with scipy's quad and takes the KL divergence of two
// densities sampled on two different grids, both figures here are integrated on one shared grid (the
// trapezoid rule over 1,024 points spanning both samples plus three bandwidths), so KL is a divergence of
// the two densities as functions.
#pragma once

#include <span>
#include <vector>

namespace melodyvae::evaluation {

// Euclidean distances of every pair i < j of `set` (each element a feature vector).
std::vector<double> intraSetDistances(std::span<const std::vector<double>> set);
// Euclidean distances of every pair (a in first, b in second).
std::vector<double> interSetDistances(std::span<const std::vector<double>> first,
                                      std::span<const std::vector<double>> second);

// A Gaussian kernel density of `samples` with Scott's bandwidth: sample standard deviation (n - 1) times
// n^(-1/5), as scipy.stats.gaussian_kde; a floor of 1e-3 when all samples are equal.
class KernelDensity {
 public:
  explicit KernelDensity(std::vector<double> samples);  // throws std::invalid_argument when empty
  double bandwidth() const { return bandwidth_; }
  double operator()(double x) const;
  double low() const;   // the smallest sample
  double high() const;  // the largest sample

 private:
  std::vector<double> samples_;
  double bandwidth_;
};

struct DensityComparison {
  double overlapArea = 0;   // integral of min(p, q), 0..1: 1 when the densities are one
  double klDivergence = 0;  // integral of p log(p / q), >= 0 (nats): p the intra-set density
};

DensityComparison compareDensities(const KernelDensity& p, const KernelDensity& q);

}  // namespace melodyvae::evaluation
