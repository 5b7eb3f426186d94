// RandomNoise: platform-independent uniform, normal (polar method) and Bernoulli draws from std::mt19937_64;
// keep-masks from a SplitMix64 stream keyed by one engine draw, computed in parallel parts.
#include "core/vae/noise_source.h"

#include <cmath>

#include "core/nn/kernel_choice.h"
#include "core/nn/worker_pool.h"

namespace melodyvae::vae {

namespace {

constexpr int kMaskParts = 4;                 // fixed: the mask does not depend on the thread count
constexpr std::size_t kParallelMask = 32768;  // decisions below which one thread is faster

// Element `index` of the SplitMix64 stream whose state starts at `key` (Steele, Lea, Flood 2014): the state
// advances by a constant, so any element can be computed directly, in any order, on any thread.
inline std::uint64_t splitMix64(std::uint64_t key, std::uint64_t index) {
  std::uint64_t z = key + (index + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Decisions [begin, end) (begin even): element j of the stream decides values 2j (low half) and 2j + 1
// (high half), each kept when at or above threshold. Branch-free: the decisions are unpredictable.
inline void fillKeepMaskBody(float* __restrict out, std::size_t begin, std::size_t end, std::uint64_t key,
                             std::uint64_t threshold) {
  const std::size_t pairs = (end - begin) / 2;
  const std::uint64_t first = begin / 2;
  for (std::size_t j = 0; j < pairs; ++j) {
    const std::uint64_t bits = splitMix64(key, first + j);
    out[begin + 2 * j] = static_cast<float>((bits & 0xFFFFFFFFu) >= threshold);
    out[begin + 2 * j + 1] = static_cast<float>((bits >> 32) >= threshold);
  }
  if ((end - begin) % 2 != 0) {
    out[end - 1] = static_cast<float>((splitMix64(key, first + pairs) & 0xFFFFFFFFu) >= threshold);
  }
}

void fillKeepMaskPortable(float* out, std::size_t begin, std::size_t end, std::uint64_t key,
                          std::uint64_t threshold) {
  fillKeepMaskBody(out, begin, end, key, threshold);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The same integer operations compiled for AVX2 (chosen at run time): the same mask, several elements of
// the stream at a time.
__attribute__((target("avx2"))) void fillKeepMaskAvx2(float* out, std::size_t begin, std::size_t end,
                                                      std::uint64_t key, std::uint64_t threshold) {
  fillKeepMaskBody(out, begin, end, key, threshold);
}
#endif

void fillKeepMask(float* out, std::size_t begin, std::size_t end, std::uint64_t key,
                  std::uint64_t threshold) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (nn::productKernel() == nn::KernelChoice::kAuto && nn::vectorKernelAvailable()) {
    return fillKeepMaskAvx2(out, begin, end, key, threshold);
  }
#endif
  fillKeepMaskPortable(out, begin, end, key, threshold);
}

}  // namespace

double RandomNoise::uniform() {
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

void RandomNoise::normal(std::span<float> out) {
  // Marsaglia's polar method (Box-Muller without the trigonometry), both outputs used: a point uniform in
  // the square, kept if inside the unit circle (about 79%).
  std::size_t i = 0;
  while (i < out.size()) {
    double x = 0;
    double y = 0;
    double r2 = 0;
    do {
      x = 2.0 * uniform() - 1.0;
      y = 2.0 * uniform() - 1.0;
      r2 = x * x + y * y;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(r2) / r2);
    out[i++] = static_cast<float>(x * factor);
    if (i < out.size()) out[i++] = static_cast<float>(y * factor);
  }
}

void RandomNoise::keepMask(std::span<float> out, float dropRate) {
  // One engine draw per mask keys a SplitMix64 stream (the engine itself is serial and ~10x slower);
  // each 32-bit half of a stream element decides one value, kept when at or above dropRate * 2^32.
  const auto threshold = static_cast<std::uint64_t>(static_cast<double>(dropRate) * 0x1.0p32);
  const std::uint64_t key = engine_();
  const std::size_t count = out.size();
  nn::forRanges(static_cast<std::ptrdiff_t>(count), kMaskParts, 16, count >= kParallelMask,  // even edges
                [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
                  fillKeepMask(out.data(), static_cast<std::size_t>(begin), static_cast<std::size_t>(end),
                               key, threshold);
                });
}

}  // namespace melodyvae::vae
