// Interpolation lines and variation clouds in the latent space.
#include "core/generation/latent_points.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace melodyvae::generation {
namespace {

void checkFinite(std::span<const float> z, const char* what) {
  for (const float value : z) {
    if (!std::isfinite(value))
      throw std::invalid_argument(std::string(what) + " has a value that is not finite");
  }
}

void checkCount(int count, int lowest, const char* what) {
  if (count < lowest || count > kLargestPointCount) {
    throw std::invalid_argument(std::string(what) + " " + std::to_string(count) + " is outside " +
                                std::to_string(lowest) + ".." + std::to_string(kLargestPointCount));
  }
}

}  // namespace

std::vector<LatentPoint> interpolateLine(std::span<const float> from, std::span<const float> to, int steps) {
  if (from.size() != to.size()) {
    throw std::invalid_argument("the two points have " + std::to_string(from.size()) + " and " +
                                std::to_string(to.size()) + " coordinates");
  }
  checkFinite(from, "the first point");
  checkFinite(to, "the second point");
  checkCount(steps, 2, "steps");
  std::vector<LatentPoint> points(static_cast<std::size_t>(steps), LatentPoint(from.size()));
  for (int i = 0; i < steps; ++i) {
    const double t = static_cast<double>(i) / (steps - 1);
    for (std::size_t d = 0; d < from.size(); ++d) {
      // Written so that t = 0 and t = 1 give the end points exactly.
      points[i][d] = static_cast<float>((1.0 - t) * from[d] + t * to[d]);
    }
  }
  return points;
}

std::vector<LatentPoint> variationPoints(std::span<const float> center, int count, float spread,
                                         vae::NoiseSource& random) {
  checkFinite(center, "the centre");
  checkCount(count, 1, "count");
  if (!(spread >= 0.0f) || !std::isfinite(spread)) {
    throw std::invalid_argument("spread " + std::to_string(spread) + " must be a finite number >= 0");
  }
  std::vector<LatentPoint> points(static_cast<std::size_t>(count), LatentPoint(center.begin(), center.end()));
  if (spread == 0.0f) return points;
  LatentPoint step(center.size());
  for (LatentPoint& point : points) {
    random.normal(step);
    for (std::size_t d = 0; d < center.size(); ++d) point[d] += spread * step[d];
  }
  return points;
}

}  // namespace melodyvae::generation
