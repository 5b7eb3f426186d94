// Adam update, written to round the way torch.optim.Adam (single-tensor path) does in float32.
#include "core/nn/adam.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <Eigen/Core>

namespace melodyvae::nn {

Adam::Adam(std::size_t parameterCount, AdamSettings settings)
    : settings_(settings), firstMoment_(parameterCount, 0.0f), secondMoment_(parameterCount, 0.0f) {}

void Adam::step(std::span<float> params, std::span<const float> grads, float learningRate) {
  if (params.size() != size()) {
    throw std::invalid_argument("Adam::step: params holds " + std::to_string(params.size()) +
                                " values, expected " + std::to_string(size()));
  }
  if (grads.size() != size()) {
    throw std::invalid_argument("Adam::step: grads holds " + std::to_string(grads.size()) +
                                " values, expected " + std::to_string(size()));
  }
  ++steps_;
  const double t = static_cast<double>(steps_);
  const double correction1 = 1.0 - std::pow(static_cast<double>(settings_.beta1), t);
  const double correction2 = 1.0 - std::pow(static_cast<double>(settings_.beta2), t);
  const auto stepSize = static_cast<float>(static_cast<double>(learningRate) / correction1);
  const auto sqrtCorrection2 = static_cast<float>(std::sqrt(correction2));
  const float beta1 = settings_.beta1;
  const float beta2 = settings_.beta2;
  const float epsilon = settings_.epsilon;
  // Chunks small enough to stay in L1 between the three array statements: one pass over memory, vectorized.
  constexpr std::size_t kChunk = 1024;
  for (std::size_t start = 0; start < size(); start += kChunk) {
    const auto n = static_cast<Eigen::Index>(std::min(kChunk, size() - start));
    Eigen::Map<Eigen::ArrayXf> p(params.data() + start, n);
    const Eigen::Map<const Eigen::ArrayXf> g(grads.data() + start, n);
    Eigen::Map<Eigen::ArrayXf> m(firstMoment_.data() + start, n);
    Eigen::Map<Eigen::ArrayXf> v(secondMoment_.data() + start, n);
    m = beta1 * m + (1.0f - beta1) * g;
    v = beta2 * v + (1.0f - beta2) * g.square();
    p -= stepSize * (m / (v.sqrt() / sqrtCorrection2 + epsilon));
  }
}

void Adam::reset() {
  steps_ = 0;
  std::fill(firstMoment_.begin(), firstMoment_.end(), 0.0f);
  std::fill(secondMoment_.begin(), secondMoment_.end(), 0.0f);
}

void Adam::restore(std::int64_t steps, std::span<const float> firstMoment,
                   std::span<const float> secondMoment) {
  if (steps < 0)
    throw std::invalid_argument("Adam::restore: steps is negative (" + std::to_string(steps) + ")");
  if (firstMoment.size() != size()) {
    throw std::invalid_argument("Adam::restore: firstMoment holds " + std::to_string(firstMoment.size()) +
                                " values, expected " + std::to_string(size()));
  }
  if (secondMoment.size() != size()) {
    throw std::invalid_argument("Adam::restore: secondMoment holds " + std::to_string(secondMoment.size()) +
                                " values, expected " + std::to_string(size()));
  }
  steps_ = steps;
  std::copy(firstMoment.begin(), firstMoment.end(), firstMoment_.begin());
  std::copy(secondMoment.begin(), secondMoment.end(), secondMoment_.begin());
}

}  // namespace melodyvae::nn
