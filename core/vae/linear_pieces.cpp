// Building the anchors (the grid walked in a serpentine, so each anchor's sums follow from the previous one
// by toggling the few units whose kink lies between them) and choosing one per decode.
#include "core/vae/linear_pieces.h"

#include <algorithm>
#include <cmath>

namespace melodyvae::vae {

void LinearPieces::prepare(const std::vector<float>& w1, const std::vector<float>& b1,
                           const std::vector<float>& w2, int latent, float slope) {
  hidden_ = static_cast<int>(b1.size());
  latent_ = latent;
  outputs_ = static_cast<int>(w2.size() / b1.size());
  slope_ = slope;
  const auto hidden = static_cast<std::size_t>(hidden_);
  const auto outputs = static_cast<std::size_t>(outputs_);
  const auto width = static_cast<std::size_t>(latent) + 1;  // z's entries, then 1 for the bias
  // u_j: unit j's first-layer weights and bias, [hidden, width].
  std::vector<double> u(hidden * width);
  for (std::size_t j = 0; j < hidden; ++j) {
    for (std::size_t i = 0; i < width - 1; ++i) u[j * width + i] = w1[j * (width - 1) + i];
    u[j * width + width - 1] = b1[j];
  }
  // allSums [width, outputs] = sum over every unit of W2[:, j] u_j.
  std::vector<double> allSums(width * outputs, 0.0);
  for (std::size_t o = 0; o < outputs; ++o) {
    for (std::size_t j = 0; j < hidden; ++j) {
      const double w = w2[o * hidden + j];
      for (std::size_t i = 0; i < width; ++i) allSums[i * outputs + o] += w * u[j * width + i];
    }
  }
  const std::size_t anchors = latent == 2 ? 2 + kGridSide * kGridSide : 2;
  patterns_.assign(anchors * hidden, 0);
  affine_.assign(anchors * width * outputs, 0.0f);
  std::vector<std::uint8_t> pattern(hidden, 0);
  std::vector<double> positiveSums(width * outputs, 0.0);  // the same sum over the pattern's units
  setAnchor(0, pattern, positiveSums, allSums);            // every unit at slope
  std::fill(pattern.begin(), pattern.end(), std::uint8_t{1});
  setAnchor(1, pattern, allSums, allSums);  // every unit at 1
  if (latent != 2) return;

  std::vector<float> w2t(hidden * outputs);  // [hidden, outputs], for toggling a unit
  for (std::size_t o = 0; o < outputs; ++o) {
    for (std::size_t j = 0; j < hidden; ++j) w2t[j * outputs + o] = w2[o * hidden + j];
  }
  std::fill(pattern.begin(), pattern.end(), std::uint8_t{0});
  const float step = (kGridHigh - kGridLow) / static_cast<float>(kGridSide - 1);
  for (int row = 0; row < kGridSide; ++row) {
    for (int k = 0; k < kGridSide; ++k) {
      const int column = row % 2 == 0 ? k : kGridSide - 1 - k;  // serpentine: neighbours stay close
      const float z0 = kGridLow + step * static_cast<float>(column);
      const float z1 = kGridLow + step * static_cast<float>(row);
      for (std::size_t j = 0; j < hidden; ++j) {
        const float h = w1[j * 2] * z0 + w1[j * 2 + 1] * z1 + b1[j];
        const std::uint8_t on = h > 0.0f ? 1 : 0;
        if (on == pattern[j]) continue;
        pattern[j] = on;
        const double sign = on ? 1.0 : -1.0;
        const float* column2 = w2t.data() + j * outputs;
        for (std::size_t i = 0; i < width; ++i) {
          const double factor = sign * u[j * width + i];
          double* sums = positiveSums.data() + i * outputs;
          for (std::size_t o = 0; o < outputs; ++o) sums[o] += factor * static_cast<double>(column2[o]);
        }
      }
      setAnchor(2 + row * kGridSide + column, pattern, positiveSums, allSums);
    }
  }
}

void LinearPieces::setAnchor(int anchor, const std::vector<std::uint8_t>& pattern,
                             const std::vector<double>& positiveSums, const std::vector<double>& allSums) {
  // A_k = slope * (all units) + (1 - slope) * (units on the positive side).
  const auto index = static_cast<std::size_t>(anchor);
  std::copy(pattern.begin(), pattern.end(),
            patterns_.begin() + static_cast<std::ptrdiff_t>(index * pattern.size()));
  float* affine = affine_.data() + index * allSums.size();
  const double slope = slope_;
  for (std::size_t i = 0; i < allSums.size(); ++i)
    affine[i] = static_cast<float>(slope * allSums[i] + (1.0 - slope) * positiveSums[i]);
}

int LinearPieces::nearestGridAnchor(const float* z) const noexcept {
  if (latent_ != 2) return -1;
  const float scale = static_cast<float>(kGridSide - 1) / (kGridHigh - kGridLow);
  auto index = [scale](float value) {
    const float position = std::clamp((value - kGridLow) * scale, 0.0f, static_cast<float>(kGridSide - 1));
    return static_cast<int>(std::lround(position));  // clamped first, so NaN-free inputs stay in range
  };
  if (!std::isfinite(z[0]) || !std::isfinite(z[1])) return -1;
  return 2 + index(z[1]) * kGridSide + index(z[0]);
}

int LinearPieces::choose(const float* z, const float* h, int* rows, float* values,
                         int* count) const noexcept {
  int positives = 0, negatives = 0;
  for (int j = 0; j < hidden_; ++j) {
    positives += h[j] > 0.0f ? 1 : 0;
    negatives += h[j] < 0.0f ? 1 : 0;
  }
  // Off pattern 0 (all at slope): the positive units; off pattern 1 (all at 1): the negative ones.
  int anchor = positives <= negatives ? 0 : 1;
  int fewest = std::min(positives, negatives);
  // Two grid candidates: the point nearest z, and the one nearest z pushed out along its direction to the
  // grid's edge. Kinks through the origin (zero biases, as at initialization) sort units by z's direction
  // alone, which points far out resolve best; kinks spread out favour the nearest point.
  const float radius = std::hypot(z[0], latent_ == 2 ? z[1] : 0.0f);
  const float push = radius > 0.0f ? kPushRadius / radius : 0.0f;
  const float pushed[2] = {z[0] * push, latent_ == 2 ? z[1] * push : 0.0f};
  for (const int grid : {nearestGridAnchor(z), nearestGridAnchor(pushed)}) {
    if (grid < 0 || grid == anchor) continue;
    const std::uint8_t* pattern =
        patterns_.data() + static_cast<std::size_t>(grid) * static_cast<std::size_t>(hidden_);
    int off = 0;
    // Bit operations, not && / ||: the signs of h are random, so branches here would mispredict.
    for (int j = 0; j < hidden_; ++j) {
      const int on = pattern[j] != 0 ? 1 : 0;
      off += (static_cast<int>(h[j] > 0.0f) & (on ^ 1)) | (static_cast<int>(h[j] < 0.0f) & on);
    }
    if (off < fewest) {
      anchor = grid;
      fewest = off;
    }
  }
  const std::uint8_t* pattern =
      patterns_.data() + static_cast<std::size_t>(anchor) * static_cast<std::size_t>(hidden_);
  const float up = 1.0f - slope_;  // s_j(z) - s_kj for a positive unit the pattern has at slope
  int listed = 0;
  for (int j = 0; j < hidden_; ++j) {  // branch-free: write every unit, advance past the listed ones
    const float value = h[j];
    const int on = pattern[j] != 0 ? 1 : 0;
    const int positiveOff = static_cast<int>(value > 0.0f) & (on ^ 1);
    const int negativeOff = static_cast<int>(value < 0.0f) & on;
    rows[listed] = j;
    values[listed] = (on != 0 ? -up : up) * value;
    listed += positiveOff | negativeOff;
  }
  *count = listed;
  return anchor;
}

void LinearPieces::addAffine(int anchor, const float* z, std::size_t first, std::size_t width,
                             float* out) const noexcept {
  const auto outputs = static_cast<std::size_t>(outputs_);
  const auto terms = static_cast<std::size_t>(latent_) + 1;
  const float* __restrict affine =
      affine_.data() + static_cast<std::size_t>(anchor) * terms * outputs + first;
  float* __restrict target = out;
  for (std::size_t i = 0; i < terms; ++i) {
    const float factor = i < terms - 1 ? z[i] : 1.0f;
    const float* __restrict column = affine + i * outputs;
    for (std::size_t o = 0; o < width; ++o) target[o] += factor * column[o];
  }
}

}  // namespace melodyvae::vae
