// Adam update, written to round the way torch.optim.Adam (single-tensor path) does in float32.
#include "core/nn/adam.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/nn/adam_update.h"
#include "core/nn/kernel_choice.h"
#include "core/nn/worker_pool.h"

namespace melodyvae::nn {

namespace {
constexpr int kParts = 8;                        // fixed: ranges handed to the worker pool
constexpr std::size_t kParallelCount = 1 << 16;  // below this many parameters one thread is faster
}  // namespace

Adam::Adam(std::size_t parameterCount, AdamSettings settings)
    : settings_(settings), firstMoment_(parameterCount, 0.0f), secondMoment_(parameterCount, 0.0f) {}

void Adam::step(std::span<float> params, std::span<const float> grads, float learningRate) {
  checkSizes(params.size(), grads.size(), "Adam::step");  // before the step count changes
  beginStep(learningRate);
  update(params, grads, 0, size());
}

void Adam::checkSizes(std::size_t params, std::size_t grads, const char* caller) const {
  if (params != size()) {
    throw std::invalid_argument(std::string(caller) + ": params holds " + std::to_string(params) +
                                " values, expected " + std::to_string(size()));
  }
  if (grads != size()) {
    throw std::invalid_argument(std::string(caller) + ": grads holds " + std::to_string(grads) +
                                " values, expected " + std::to_string(size()));
  }
}

void Adam::beginStep(float learningRate) {
  ++steps_;
  const double t = static_cast<double>(steps_);
  const double correction1 = 1.0 - std::pow(static_cast<double>(settings_.beta1), t);
  const double correction2 = 1.0 - std::pow(static_cast<double>(settings_.beta2), t);
  stepSize_ = static_cast<float>(static_cast<double>(learningRate) / correction1);
  sqrtCorrection2_ = static_cast<float>(std::sqrt(correction2));
}

void Adam::update(std::span<float> params, std::span<const float> grads, std::size_t offset,
                  std::size_t count) {
  checkSizes(params.size(), grads.size(), "Adam::update");
  if (offset > size() || count > size() - offset) {
    throw std::invalid_argument("Adam::update: values [" + std::to_string(offset) + ", " +
                                std::to_string(offset + count) + ") leave the block of " +
                                std::to_string(size()));
  }
  AdamConstants constants;
  constants.beta1 = settings_.beta1;
  constants.beta2 = settings_.beta2;
  constants.epsilon = settings_.epsilon;
  constants.stepSize = stepSize_;
  constants.sqrtCorrection2 = sqrtCorrection2_;
  const bool avx2 =
      adamUpdateAvx2Compiled() && productKernel() == KernelChoice::kAuto && vectorKernelAvailable();
  // Element-wise, so splitting over threads changes nothing but the speed. Part edges on 1024 values.
  float* p = params.data() + offset;
  const float* g = grads.data() + offset;
  float* m = firstMoment_.data() + offset;
  float* v = secondMoment_.data() + offset;
  auto range = [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
    const auto n = static_cast<std::size_t>(end - begin);
    if (n == 0) return;
    if (avx2) {
      adamUpdateAvx2(p + begin, g + begin, m + begin, v + begin, n, constants);
    } else {
      adamUpdatePortable(p + begin, g + begin, m + begin, v + begin, n, constants);
    }
  };
  forRanges(static_cast<std::ptrdiff_t>(count), kParts, 1024, count >= kParallelCount, range);
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
