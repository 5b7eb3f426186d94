// The decoder's second product, W2 leaky(h) with h = W1 z + b1, as affine pieces of z for the real-time
// decode. h is affine in z, so for a fixed set of units on the positive side of the leaky ReLU's kink (a
// pattern) the whole product is affine in z: W2 diag(s) W1 z + W2 diag(s) b1, with s_j = 1 for those units
// and `slope` for the others. Anchors store that affine map for some patterns; a decode takes the anchor
// whose pattern differs from z's in the fewest units and corrects for those units alone:
//   W2 leaky(h) = A_k z + c_k + sum over units j off pattern k of (s_j(z) - s_kj) h_j W2[j, :].
// The anchors: every unit at `slope`, every unit at 1 (so at most half of W2's rows are ever read) and,
// for a 2-D latent (the XY pad), the patterns at a 16 x 16 grid over [-3, 3]^2, where a musician's z is;
// near a grid point only the few units whose kink lies in between differ.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace melodyvae::vae {

class LinearPieces {
 public:
  // w1 [hidden, latent], b1 [hidden] and w2 [outputs, hidden]: the folded float32 weights. Allocates;
  // the affine maps are summed in double.
  void prepare(const std::vector<float>& w1, const std::vector<float>& b1, const std::vector<float>& w2,
               int latent, float slope);

  int anchors() const { return hidden_ > 0 ? static_cast<int>(patterns_.size()) / hidden_ : 0; }

  // For z [latent] and its h [hidden]: the best anchor, and the units off its pattern into rows /
  // values [hidden] (values[k] = (s_j(z) - s_kj) h_j for unit j = rows[k]); *count is how many.
  int choose(const float* z, const float* h, int* rows, float* values, int* count) const noexcept;

  // out[o] += (A_k z + c_k)[first + o] for o < width.
  void addAffine(int anchor, const float* z, std::size_t first, std::size_t width, float* out) const noexcept;

 private:
  // The grid anchor nearest z, or -1 when there is no grid.
  int nearestGridAnchor(const float* z) const noexcept;
  // Stores anchor `anchor`: its pattern, and its affine map from the sums over the pattern's units and
  // over all units ([latent + 1, outputs] each).
  void setAnchor(int anchor, const std::vector<std::uint8_t>& pattern,
                 const std::vector<double>& positiveSums, const std::vector<double>& allSums);

  static constexpr int kGridSide = 16;
  static constexpr float kGridLow = -3.0f, kGridHigh = 3.0f;
  static constexpr float kPushRadius = 2.8f;  // inside the grid's edge in every direction

  int hidden_ = 0, latent_ = 0, outputs_ = 0;
  float slope_ = 0.0f;
  std::vector<std::uint8_t> patterns_;  // [anchors, hidden]: 1 where the unit is on the positive side
  std::vector<float> affine_;           // [anchors, latent + 1, outputs]: A_k's columns, then c_k
};

}  // namespace melodyvae::vae
