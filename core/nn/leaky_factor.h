// The leaky ReLU's factor (1 for x > 0, else slope) picked with integer operations on its bits, so that
// x * factor, which equals x > 0 ? x : slope * x bit for bit, vectorizes: GCC keeps a float select as a
// branch per value (it may not compute slope * x where the source does not, -ftrapping-math), and the
// signs of activations are unpredictable.
#pragma once

#include <bit>
#include <cstdint>
#include <type_traits>

namespace melodyvae::nn {

template <typename Scalar>
using BitsOf = std::conditional_t<sizeof(Scalar) == 4, std::uint32_t, std::uint64_t>;

// one, slope: the bits of Scalar(1) and of the slope (std::bit_cast<BitsOf<Scalar>>).
template <typename Scalar>
inline Scalar leakyFactor(Scalar value, BitsOf<Scalar> one, BitsOf<Scalar> slope) {
  using Bits = BitsOf<Scalar>;
  // Positive non-zero values are exactly those whose bits read as a positive signed integer (NaN aside).
  const Bits keep = Bits(0) - static_cast<Bits>(std::bit_cast<std::make_signed_t<Bits>>(value) > 0);
  return std::bit_cast<Scalar>((one & keep) | (slope & ~keep));
}

}  // namespace melodyvae::nn
