// Adam: the update rule with bias correction, worked by hand; state save / restore; size errors.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/nn/adam.h"

namespace melodyvae::nn {
namespace {

TEST(Adam, FollowsTheBiasCorrectedRule) {
  std::vector<float> params = {1.0f, -2.0f, 0.5f};
  const std::vector<std::vector<float>> grads = {
      {0.1f, -0.3f, 0.0f}, {0.2f, 0.1f, -1e-3f}, {-0.4f, 0.05f, 2.0f}};
  Adam adam(3);
  std::vector<double> p(params.begin(), params.end()), m(3, 0.0), v(3, 0.0);
  const double lr = 1e-2, b1 = 0.9, b2 = 0.999, eps = 1e-7;
  for (std::size_t t = 1; t <= grads.size(); ++t) {
    adam.step(params, grads[t - 1], static_cast<float>(lr));
    for (std::size_t i = 0; i < 3; ++i) {
      const double g = grads[t - 1][i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      const double mHat = m[i] / (1 - std::pow(b1, static_cast<double>(t)));
      const double vHat = v[i] / (1 - std::pow(b2, static_cast<double>(t)));
      p[i] -= lr * mHat / (std::sqrt(vHat) + eps);
    }
    for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(params[i], p[i], 1e-6) << "step " << t << " index " << i;
  }
  EXPECT_EQ(adam.stepCount(), 3);
  // The first step moves every parameter with a non-zero gradient by ~lr (m_hat / sqrt(v_hat) = sign(g)).
  std::vector<float> fresh = {0.0f};
  Adam first(1);
  first.step(fresh, std::vector<float>{-5.0f}, 1e-3f);
  EXPECT_NEAR(fresh[0], 1e-3f, 1e-9);
}

TEST(Adam, RestoredStateContinuesIdentically) {
  std::vector<float> a = {0.3f, -0.7f};
  Adam original(2);
  original.step(a, std::vector<float>{0.5f, -0.25f}, 1e-3f);
  Adam copy(2);
  copy.restore(original.stepCount(), original.firstMoment(), original.secondMoment());
  std::vector<float> b = a;
  original.step(a, std::vector<float>{0.1f, 0.2f}, 1e-3f);
  copy.step(b, std::vector<float>{0.1f, 0.2f}, 1e-3f);
  EXPECT_EQ(a, b);
  copy.reset();
  EXPECT_EQ(copy.stepCount(), 0);
  EXPECT_EQ(copy.firstMoment()[0], 0.0f);
}

TEST(Adam, RejectsMismatchedSizes) {
  Adam adam(2);
  std::vector<float> params(3);
  const std::vector<float> grads(2);
  EXPECT_THROW(adam.step(params, grads, 1e-3f), std::invalid_argument);
  try {
    adam.restore(1, grads, std::vector<float>(1));
    FAIL() << "restore accepted a short second moment";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("secondMoment"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace melodyvae::nn
