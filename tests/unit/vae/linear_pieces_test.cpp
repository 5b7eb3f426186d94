// LinearPieces (the real-time decoder's second product as affine pieces of z) against the product computed
// directly in double: W2 leaky(W1 z + b1), for a 2-D latent (grid anchors) and a 3-D one (only the two
// global anchors), inside the grid, outside it and exactly on grid points; at most half the rows listed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/vae/linear_pieces.h"

namespace melodyvae::vae {
namespace {

constexpr int kHidden = 96;
constexpr int kOutputs = 40;
constexpr float kSlope = 0.3f;

struct Weights {
  std::vector<float> w1, b1, w2;
};

// Biases spread the kinks over the plane (as batch norm's shift does in a trained model) unless
// `zeroBias`, where every kink goes through the origin (as at initialization).
Weights randomWeights(int latent, bool zeroBias, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Weights w;
  for (int i = 0; i < kHidden * latent; ++i) w.w1.push_back(normal(engine));
  for (int i = 0; i < kHidden; ++i) w.b1.push_back(zeroBias ? 0.0f : normal(engine));
  for (int i = 0; i < kOutputs * kHidden; ++i) w.w2.push_back(0.1f * normal(engine));
  return w;
}

// Returns the largest |pieces - direct| over the outputs and the rows listed.
std::pair<double, int> compare(const LinearPieces& pieces, const Weights& w, const std::vector<float>& z) {
  const auto latent = z.size();
  std::vector<float> h(kHidden);
  for (int j = 0; j < kHidden; ++j) {
    float sum = w.b1[static_cast<std::size_t>(j)];
    for (std::size_t i = 0; i < latent; ++i) sum += w.w1[static_cast<std::size_t>(j) * latent + i] * z[i];
    h[static_cast<std::size_t>(j)] = sum;
  }
  std::vector<int> rows(kHidden);
  std::vector<float> values(kHidden);
  int count = -1;
  const int anchor = pieces.choose(z.data(), h.data(), rows.data(), values.data(), &count);
  EXPECT_GE(anchor, 0);
  EXPECT_LT(anchor, pieces.anchors());
  std::vector<float> out(kOutputs, 0.0f);
  for (int k = 0; k < count; ++k) {
    for (int o = 0; o < kOutputs; ++o) {
      out[static_cast<std::size_t>(o)] += values[static_cast<std::size_t>(k)] *
                                          w.w2[static_cast<std::size_t>(o) * kHidden +
                                               static_cast<std::size_t>(rows[static_cast<std::size_t>(k)])];
    }
  }
  pieces.addAffine(anchor, z.data(), 0, kOutputs, out.data());
  double largest = 0.0;
  for (int o = 0; o < kOutputs; ++o) {
    double direct = 0.0;
    for (int j = 0; j < kHidden; ++j) {
      const double x = h[static_cast<std::size_t>(j)];
      direct +=
          static_cast<double>(w.w2[static_cast<std::size_t>(o) * kHidden + static_cast<std::size_t>(j)]) *
          (x > 0.0 ? x : kSlope * x);
    }
    largest = std::max(largest, std::fabs(direct - static_cast<double>(out[static_cast<std::size_t>(o)])));
  }
  return {largest, count};
}

TEST(LinearPieces, MatchesTheDirectProductEverywhereInTwoDimensions) {
  for (const bool zeroBias : {false, true}) {
    const Weights w = randomWeights(2, zeroBias, zeroBias ? 3 : 4);
    LinearPieces pieces;
    pieces.prepare(w.w1, w.b1, w.w2, 2, kSlope);
    EXPECT_EQ(pieces.anchors(), 2 + 16 * 16);
    std::vector<std::vector<float>> points = {{0.0f, 0.0f},   {-3.0f, -3.0f}, {3.0f, 3.0f},   {0.4f, -0.2f},
                                              {7.5f, -40.0f}, {-1e6f, 2.0f},  {1e-7f, -1e-7f}};
    std::mt19937_64 engine(5);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (int i = 0; i < 300; ++i) points.push_back({normal(engine), normal(engine)});
    double largest = 0.0;
    long listed = 0;
    for (const auto& z : points) {
      const auto [difference, count] = compare(pieces, w, z);
      EXPECT_LE(count, kHidden / 2) << "z = " << z[0] << ", " << z[1];
      largest = std::max(largest, difference / std::max(1.0, std::fabs(static_cast<double>(z[0])) +
                                                                 std::fabs(static_cast<double>(z[1]))));
      listed += count;
    }
    EXPECT_LE(largest, 2e-5) << (zeroBias ? "kinks through the origin" : "kinks spread out");
    // The grid's point: near an anchor few units differ. Half the rows would be 48 on average.
    const double mean = static_cast<double>(listed) / static_cast<double>(points.size());
    std::printf("%s: %.1f of %d rows listed on average\n",
                zeroBias ? "kinks through the origin" : "kinks spread out", mean, kHidden);
    EXPECT_LT(mean, 0.25 * kHidden);
  }
}

TEST(LinearPieces, MatchesTheDirectProductWithoutAGrid) {
  const Weights w = randomWeights(3, false, 6);
  LinearPieces pieces;
  pieces.prepare(w.w1, w.b1, w.w2, 3, kSlope);
  EXPECT_EQ(pieces.anchors(), 2);
  std::mt19937_64 engine(7);
  std::normal_distribution<float> normal(0.0f, 2.0f);
  for (int i = 0; i < 100; ++i) {
    const std::vector<float> z = {normal(engine), normal(engine), normal(engine)};
    const auto [difference, count] = compare(pieces, w, z);
    EXPECT_LE(difference, 1e-4);
    EXPECT_LE(count, kHidden / 2);
  }
}

}  // namespace
}  // namespace melodyvae::vae
