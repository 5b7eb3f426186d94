// Input-major dense kernels: portable bodies, compiled twice on x86-64 (plain, and with AVX2 + FMA enabled
// for that function only, chosen at run time), so other CPUs and the tests always have the portable path;
// the paired bfloat16 dense pass has a register-blocked body that only the AVX2 build uses. Loops are written
// so compilers vectorize them without reassociating sums: every output keeps its own running sum, taken over
// the inputs in order.
#include "core/nn/input_major_dense.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "core/nn/leaky_factor.h"

namespace melodyvae::nn {

namespace {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MELODYVAE_X86_KERNELS 1
#define MELODYVAE_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define MELODYVAE_X86_KERNELS 0
#define MELODYVAE_ALWAYS_INLINE inline
#endif

MELODYVAE_ALWAYS_INLINE float widen(float w) {
  return w;
}
MELODYVAE_ALWAYS_INLINE float widen(std::int8_t w) {
  return static_cast<float>(w);
}
MELODYVAE_ALWAYS_INLINE float widen(std::uint16_t w) {
  return __builtin_bit_cast(float, static_cast<std::uint32_t>(w) << 16);
}

template <bool kFused>
MELODYVAE_ALWAYS_INLINE float multiplyAdd(float a, float b, float c) {
  if constexpr (kFused) {
    return __builtin_fmaf(a, b, c);
  } else {
    return a * b + c;
  }
}

// out[o] += x * W[row, o]
template <bool kFused, typename W>
MELODYVAE_ALWAYS_INLINE void addRow(float x, const W* __restrict row, float* __restrict out, int outputs) {
  for (int o = 0; o < outputs; ++o) out[o] = multiplyAdd<kFused>(x, widen(row[o]), out[o]);
}

// Int8 weights sum unscaled products from 0, then out = bias + scale * sum.
template <typename W>
MELODYVAE_ALWAYS_INLINE void start(const float* __restrict bias, int outputs, float* __restrict out) {
  if constexpr (std::is_same_v<W, std::int8_t>) {
    for (int o = 0; o < outputs; ++o) out[o] = 0.0f;
  } else {
    for (int o = 0; o < outputs; ++o) out[o] = bias[o];
  }
}
template <typename W>
MELODYVAE_ALWAYS_INLINE void finish(const float* __restrict bias, const float* __restrict scale, int outputs,
                                    float* __restrict out) {
  if constexpr (std::is_same_v<W, std::int8_t>) {
    for (int o = 0; o < outputs; ++o) out[o] = bias[o] + scale[o] * out[o];
  }
}

// Where the rows of a product come from: every input in order (AllInputs), or a list of (row, value)
// pairs (ListedRows: the rows a caller picked, e.g. the units on one side of a leaky ReLU's kink).
struct AllInputs {
  const float* in;
  int count;
  MELODYVAE_ALWAYS_INLINE int row(int k) const { return k; }
  MELODYVAE_ALWAYS_INLINE float value(int k) const { return in[k]; }
};
struct ListedRows {
  const int* rows;
  const float* values;
  int count;
  int inputs;  // rows of the whole weight matrix
  MELODYVAE_ALWAYS_INLINE int row(int k) const { return rows[k]; }
  MELODYVAE_ALWAYS_INLINE float value(int k) const { return values[k]; }
};

template <bool kFused, typename W, typename Source>
MELODYVAE_ALWAYS_INLINE void denseBody(Source source, const W* __restrict weight,
                                       const float* __restrict bias, const float* __restrict scale,
                                       int outputs, float* __restrict out) {
  start<W>(bias, outputs, out);
  const auto stride = static_cast<std::ptrdiff_t>(outputs);
  int k = 0;
  // Four input rows per pass over `out`: a quarter of the loads and stores of `out`.
  for (; k + 4 <= source.count; k += 4) {
    const W* __restrict w0 = weight + source.row(k) * stride;
    const W* __restrict w1 = weight + source.row(k + 1) * stride;
    const W* __restrict w2 = weight + source.row(k + 2) * stride;
    const W* __restrict w3 = weight + source.row(k + 3) * stride;
    const float x0 = source.value(k), x1 = source.value(k + 1), x2 = source.value(k + 2),
                x3 = source.value(k + 3);
    for (int o = 0; o < outputs; ++o) {
      float sum = multiplyAdd<kFused>(x0, widen(w0[o]), out[o]);
      sum = multiplyAdd<kFused>(x1, widen(w1[o]), sum);
      sum = multiplyAdd<kFused>(x2, widen(w2[o]), sum);
      out[o] = multiplyAdd<kFused>(x3, widen(w3[o]), sum);
    }
  }
  for (; k < source.count; ++k)
    addRow<kFused>(source.value(k), weight + source.row(k) * stride, out, outputs);
  finish<W>(bias, scale, outputs, out);
}

template <bool kFused, typename W>
MELODYVAE_ALWAYS_INLINE void sparseBody(const float* __restrict in, int inputs, const W* __restrict weight,
                                        const float* __restrict bias, const float* __restrict scale,
                                        int outputs, float* __restrict out) {
  start<W>(bias, outputs, out);
  const auto stride = static_cast<std::ptrdiff_t>(outputs);
  for (int j = 0; j < inputs; ++j) {
    if (in[j] != 0.0f) addRow<kFused>(in[j], weight + j * stride, out, outputs);
  }
  finish<W>(bias, scale, outputs, out);
}

// bfloat16 in pairs: in each group of 16 outputs, 32-bit word k holds output k (low half) and output k + 8
// (high half), so one load, one shift and one mask widen 16 weights.
MELODYVAE_ALWAYS_INLINE float lowHalf(std::uint32_t pair) {
  return __builtin_bit_cast(float, pair << 16);
}
MELODYVAE_ALWAYS_INLINE float highHalf(std::uint32_t pair) {
  return __builtin_bit_cast(float, pair & 0xFFFF0000u);
}

// The paired words are stored in column blocks of kBlockWords words (64 outputs): block b holds words
// [32b, 32b + width) of every input row, row after row ([inputs][width], width 32 but for a narrower last
// block). A dense pass then sweeps each block's weights front to back with the block's running sums in
// registers; a few listed rows read 12 pieces of 128 bytes each instead of one of 1.5 KB.
constexpr int kBlockWords = 32;

struct PairedLayout {
  const std::uint32_t* weight;
  int inputs;
  int words;  // outputs / 2
};

// Where word `word` of input row `row` lies in the blocked layout of [inputs] rows of `words` words.
std::size_t pairedIndex(std::size_t row, std::size_t word, std::size_t inputs, std::size_t words) {
  const std::size_t first = word / kBlockWords * kBlockWords;
  const std::size_t width = std::min<std::size_t>(kBlockWords, words - first);
  return first * inputs + row * width + (word - first);
}

// The groups of one input row of a column block: o[16g + i] (+)= x * output weights.
template <bool kFused>
MELODYVAE_ALWAYS_INLINE void addPairedRow(float x, const std::uint32_t* __restrict words, int groups,
                                          float* __restrict out) {
  for (int g = 0; g < groups; ++g) {
    float* __restrict o = out + 16 * g;
    for (int i = 0; i < 8; ++i) {
      o[i] = multiplyAdd<kFused>(x, lowHalf(words[8 * g + i]), o[i]);
      o[i + 8] = multiplyAdd<kFused>(x, highHalf(words[8 * g + i]), o[i + 8]);
    }
  }
}

// Each output sums its inputs in order: listed rows four at a time, then the rest, block by block; a
// sparse input one non-zero at a time, each over every block (so the zeros are skipped once, not per block).
template <bool kFused, typename Source>
MELODYVAE_ALWAYS_INLINE void pairedBody(Source source, PairedLayout layout, const float* __restrict bias,
                                        int outputs, float* __restrict out, bool sparse) {
  for (int o = 0; o < outputs; ++o) out[o] = bias[o];
  auto blockOf = [&](int first) {
    return layout.weight + static_cast<std::ptrdiff_t>(first) * layout.inputs;
  };
  if (sparse) {
    for (int k = 0; k < source.count; ++k) {
      const float x = source.value(k);
      if (x == 0.0f) continue;
      for (int first = 0; first < layout.words; first += kBlockWords) {
        const std::ptrdiff_t width = std::min(kBlockWords, layout.words - first);
        addPairedRow<kFused>(x, blockOf(first) + source.row(k) * width, static_cast<int>(width) / 8,
                             out + 2 * first);
      }
    }
    return;
  }
  for (int first = 0; first < layout.words; first += kBlockWords) {
    const std::ptrdiff_t width = std::min(kBlockWords, layout.words - first);  // words per row here
    const std::uint32_t* __restrict block = blockOf(first);
    float* __restrict blockOut = out + 2 * first;
    const int groups = static_cast<int>(width) / 8;
    int k = 0;
    for (; k + 4 <= source.count; k += 4) {
      const std::uint32_t* __restrict w0 = block + source.row(k) * width;
      const std::uint32_t* __restrict w1 = block + source.row(k + 1) * width;
      const std::uint32_t* __restrict w2 = block + source.row(k + 2) * width;
      const std::uint32_t* __restrict w3 = block + source.row(k + 3) * width;
      const float x0 = source.value(k), x1 = source.value(k + 1), x2 = source.value(k + 2),
                  x3 = source.value(k + 3);
      for (int g = 0; g < groups; ++g) {
        float* __restrict o = blockOut + 16 * g;
        const int w = 8 * g;
        for (int i = 0; i < 8; ++i) {
          float low = multiplyAdd<kFused>(x0, lowHalf(w0[w + i]), o[i]);
          float high = multiplyAdd<kFused>(x0, highHalf(w0[w + i]), o[i + 8]);
          low = multiplyAdd<kFused>(x1, lowHalf(w1[w + i]), low);
          high = multiplyAdd<kFused>(x1, highHalf(w1[w + i]), high);
          low = multiplyAdd<kFused>(x2, lowHalf(w2[w + i]), low);
          high = multiplyAdd<kFused>(x2, highHalf(w2[w + i]), high);
          o[i] = multiplyAdd<kFused>(x3, lowHalf(w3[w + i]), low);
          o[i + 8] = multiplyAdd<kFused>(x3, highHalf(w3[w + i]), high);
        }
      }
    }
    for (; k < source.count; ++k) {
      addPairedRow<kFused>(source.value(k), block + source.row(k) * width, groups, blockOut);
    }
  }
}

// G groups of 16 outputs of one column block (rows of `width` words) over every input: their running sums
// stay in registers while the weights stream past in order. Each output's sum runs over the inputs in
// order, as in pairedBody: the same values bit for bit.
template <bool kFused, int G>
MELODYVAE_ALWAYS_INLINE void pairedGroups(const float* __restrict in, int inputs,
                                          const std::uint32_t* __restrict words, std::ptrdiff_t width,
                                          const float* __restrict bias, float* __restrict out) {
  float sum[16 * G];
  for (int o = 0; o < 16 * G; ++o) sum[o] = bias[o];
  for (int j = 0; j < inputs; ++j, words += width) {
    const float x = in[j];
#pragma GCC unroll 4
    for (int g = 0; g < G; ++g) {
#pragma GCC unroll 8
      for (int i = 0; i < 8; ++i) {
        sum[16 * g + i] = multiplyAdd<kFused>(x, lowHalf(words[8 * g + i]), sum[16 * g + i]);
        sum[16 * g + 8 + i] = multiplyAdd<kFused>(x, highHalf(words[8 * g + i]), sum[16 * g + 8 + i]);
      }
    }
  }
  for (int o = 0; o < 16 * G; ++o) out[o] = sum[o];
}

// Every input: block by block, kGroups groups of 16 outputs at a time (as many running sums as the
// registers hold: 4 groups in 8 AVX vectors). The portable build uses pairedBody instead: with 16 SSE
// registers the sums spilled, three times slower than four rows per pass over memory.
template <bool kFused, int kGroups>
MELODYVAE_ALWAYS_INLINE void pairedDenseBody(const float* __restrict in, int inputs, PairedLayout layout,
                                             const float* __restrict bias, float* __restrict out) {
  for (int first = 0; first < layout.words; first += kBlockWords) {
    const std::ptrdiff_t width = std::min(kBlockWords, layout.words - first);
    const std::uint32_t* block = layout.weight + static_cast<std::ptrdiff_t>(first) * inputs;
    const int groups = static_cast<int>(width) / 8;
    int g = 0;
    for (; g + kGroups <= groups; g += kGroups) {
      const int o = 2 * first + 16 * g;
      pairedGroups<kFused, kGroups>(in, inputs, block + 8 * g, width, bias + o, out + o);
    }
    for (; g < groups; ++g) {
      const int o = 2 * first + 16 * g;
      pairedGroups<kFused, 1>(in, inputs, block + 8 * g, width, bias + o, out + o);
    }
  }
}

void densePortable(const float* in, int inputs, const std::uint32_t* weight, const float* bias, const float*,
                   int outputs, float* out) {
  pairedBody<false>(AllInputs{in, inputs}, {weight, inputs, outputs / 2}, bias, outputs, out, false);
}
void sparsePortable(const float* in, int inputs, const std::uint32_t* weight, const float* bias, const float*,
                    int outputs, float* out) {
  pairedBody<false>(AllInputs{in, inputs}, {weight, inputs, outputs / 2}, bias, outputs, out, true);
}
void rowsPortable(ListedRows rows, const std::uint32_t* weight, const float* bias, const float*, int outputs,
                  float* out) {
  pairedBody<false>(rows, {weight, rows.inputs, outputs / 2}, bias, outputs, out, false);
}

// The heads choose between values with bit operations: GCC keeps a select between float values as a
// branch (it may not compute both sides where the source does not, -ftrapping-math), which neither
// vectorizes nor predicts (the signs of logits are random). Same values as the selects, bit for bit.
MELODYVAE_ALWAYS_INLINE std::uint32_t bitsOf(float x) {
  return __builtin_bit_cast(std::uint32_t, x);
}
// -|x|: x < 0 ? x : -x (also for +-0).
MELODYVAE_ALWAYS_INLINE float negativeMagnitude(float x) {
  return __builtin_bit_cast(float, bitsOf(x) | 0x80000000u);
}
// condition ? a : b, with the condition as 0 or 1.
MELODYVAE_ALWAYS_INLINE float choose(bool condition, float a, float b) {
  const std::uint32_t mask = 0u - static_cast<std::uint32_t>(condition);
  return __builtin_bit_cast(float, (bitsOf(a) & mask) | (bitsOf(b) & ~mask));
}

// exp(x) for x <= 0 (the heads only need exp of -|x|), without branches or libm, so loops vectorize.
MELODYVAE_ALWAYS_INLINE float expNonPositive(float x) {
  x = choose(x < -87.0f, -87.0f, x);
  // n = round(x / ln 2) by the 1.5 * 2^23 trick (exact for |n| < 2^22), then r = x - n ln 2 in two parts.
  const float shifted = x * 1.44269504088896341f + 12582912.0f;
  const float n = shifted - 12582912.0f;
  float r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;  // Cephes expf polynomial on [-ln2 / 2, ln2 / 2]
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const auto exponent = static_cast<std::uint32_t>(static_cast<std::int32_t>(n) + 127) << 23;
  return p * __builtin_bit_cast(float, exponent);
}

MELODYVAE_ALWAYS_INLINE void sigmoidBody(float* __restrict values, int count) {
  for (int i = 0; i < count; ++i) {
    const float x = values[i];
    const float e = expNonPositive(negativeMagnitude(x));  // exp(-|x|)
    const float inverse = 1.0f / (1.0f + e);
    values[i] = choose(x >= 0.0f, inverse, e * inverse);
  }
}

MELODYVAE_ALWAYS_INLINE void tanhBody(float* __restrict values, int count) {
  for (int i = 0; i < count; ++i) {
    const float x = values[i];
    const float e = expNonPositive(2.0f * negativeMagnitude(x));  // exp(-2|x|)
    const float magnitude = (1.0f - e) / (1.0f + e);
    values[i] = choose(x < 0.0f, -magnitude, magnitude);
  }
}

void sigmoidPortable(float* values, int count) {
  sigmoidBody(values, count);
}
void tanhPortable(float* values, int count) {
  tanhBody(values, count);
}

template <typename W>
void densePortable(const float* in, int inputs, const W* weight, const float* bias, const float* scale,
                   int outputs, float* out) {
  denseBody<false>(AllInputs{in, inputs}, weight, bias, scale, outputs, out);
}
template <typename W>
void rowsPortable(ListedRows rows, const W* weight, const float* bias, const float* scale, int outputs,
                  float* out) {
  denseBody<false>(rows, weight, bias, scale, outputs, out);
}
template <typename W>
void sparsePortable(const float* in, int inputs, const W* weight, const float* bias, const float* scale,
                    int outputs, float* out) {
  sparseBody<false>(in, inputs, weight, bias, scale, outputs, out);
}

#if MELODYVAE_X86_KERNELS
// One overload per weight type, each compiled for AVX2 + FMA (the bodies are inlined into them).
#define MELODYVAE_AVX2_KERNELS(W)                                                                         \
  __attribute__((target("avx2,fma"))) void denseAvx2(const float* in, int inputs, const W* weight,        \
                                                     const float* bias, const float* scale, int outputs,  \
                                                     float* out) {                                        \
    denseBody<true>(AllInputs{in, inputs}, weight, bias, scale, outputs, out);                            \
  }                                                                                                       \
  __attribute__((target("avx2,fma"))) void rowsAvx2(ListedRows rows, const W* weight, const float* bias,  \
                                                    const float* scale, int outputs, float* out) {        \
    denseBody<true>(rows, weight, bias, scale, outputs, out);                                             \
  }                                                                                                       \
  __attribute__((target("avx2,fma"))) void sparseAvx2(const float* in, int inputs, const W* weight,       \
                                                      const float* bias, const float* scale, int outputs, \
                                                      float* out) {                                       \
    sparseBody<true>(in, inputs, weight, bias, scale, outputs, out);                                      \
  }
MELODYVAE_AVX2_KERNELS(float)
MELODYVAE_AVX2_KERNELS(std::uint16_t)
MELODYVAE_AVX2_KERNELS(std::int8_t)
#undef MELODYVAE_AVX2_KERNELS
// No fused multiply-adds here: the heads round exactly as the portable build.
__attribute__((target("avx2"))) void sigmoidAvx2(float* values, int count) {
  sigmoidBody(values, count);
}
__attribute__((target("avx2"))) void tanhAvx2(float* values, int count) {
  tanhBody(values, count);
}
__attribute__((target("avx2,fma"))) void denseAvx2(const float* in, int inputs, const std::uint32_t* weight,
                                                   const float* bias, const float*, int outputs, float* out) {
  pairedDenseBody<true, 4>(in, inputs, {weight, inputs, outputs / 2}, bias, out);
}
__attribute__((target("avx2,fma"))) void rowsAvx2(ListedRows rows, const std::uint32_t* weight,
                                                  const float* bias, const float*, int outputs, float* out) {
  pairedBody<true>(rows, {weight, rows.inputs, outputs / 2}, bias, outputs, out, false);
}
__attribute__((target("avx2,fma"))) void sparseAvx2(const float* in, int inputs, const std::uint32_t* weight,
                                                    const float* bias, const float*, int outputs,
                                                    float* out) {
  pairedBody<true>(AllInputs{in, inputs}, {weight, inputs, outputs / 2}, bias, outputs, out, true);
}

#endif

bool useVector(KernelChoice kernel) {
  return kernel == KernelChoice::kAuto && vectorKernelAvailable();
}

}  // namespace

std::uint16_t toBFloat16(float value) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  if ((bits & 0x7F800000u) == 0x7F800000u) return static_cast<std::uint16_t>(bits >> 16);  // inf / NaN
  bits += 0x7FFFu + ((bits >> 16) & 1u);
  return static_cast<std::uint16_t>(bits >> 16);
}

float fromBFloat16(std::uint16_t value) {
  return widen(value);
}

void InputMajorDense::assign(int inputs, int outputs, const float* weight, const float* bias,
                             WeightPrecision precision) {
  inputs_ = inputs;
  outputs_ = outputs;
  precision_ = precision;
  const auto in = static_cast<std::size_t>(inputs);
  const auto out = static_cast<std::size_t>(outputs);
  bias_.assign(bias, bias + out);
  weight32_.clear();
  weight16_.clear();
  paired_.clear();
  weight8_.clear();
  scale_.clear();
  switch (precision) {
    case WeightPrecision::kFloat32:
      weight32_.resize(in * out);
      for (std::size_t o = 0; o < out; ++o) {
        for (std::size_t j = 0; j < in; ++j) weight32_[j * out + o] = weight[o * in + j];
      }
      break;
    case WeightPrecision::kBFloat16:
      if (out % 16 == 0) {  // the paired layout
        paired_.assign(in * out / 2, 0u);
        for (std::size_t o = 0; o < out; ++o) {
          const std::size_t word = o / 16 * 8 + o % 8;
          const unsigned shift = (o % 16) < 8 ? 0u : 16u;
          for (std::size_t j = 0; j < in; ++j) {
            paired_[pairedIndex(j, word, in, out / 2)] |=
                static_cast<std::uint32_t>(toBFloat16(weight[o * in + j])) << shift;
          }
        }
        break;
      }
      weight16_.resize(in * out);
      for (std::size_t o = 0; o < out; ++o) {
        for (std::size_t j = 0; j < in; ++j) weight16_[j * out + o] = toBFloat16(weight[o * in + j]);
      }
      break;
    case WeightPrecision::kInt8:
      weight8_.resize(in * out);
      scale_.resize(out);
      for (std::size_t o = 0; o < out; ++o) {
        float largest = 0.0f;
        for (std::size_t j = 0; j < in; ++j) largest = std::max(largest, std::fabs(weight[o * in + j]));
        const float scale = largest > 0.0f ? largest / 127.0f : 1.0f;
        scale_[o] = scale;
        for (std::size_t j = 0; j < in; ++j) {
          const float q = std::nearbyint(weight[o * in + j] / scale);
          weight8_[j * out + o] = static_cast<std::int8_t>(std::clamp(q, -127.0f, 127.0f));
        }
      }
      break;
  }
}

template <typename Function>
void InputMajorDense::dispatch(KernelChoice kernel, Function&& function) const noexcept {
  switch (precision_) {
    case WeightPrecision::kFloat32:
      function(useVector(kernel), weight32_.data());
      return;
    case WeightPrecision::kBFloat16:
      if (weight16_.empty()) {
        function(useVector(kernel), paired_.data());
      } else {
        function(useVector(kernel), weight16_.data());
      }
      return;
    case WeightPrecision::kInt8:
      function(useVector(kernel), weight8_.data());
      return;
  }
}

void InputMajorDense::forward(const float* in, float* out, KernelChoice kernel) const noexcept {
  dispatch(kernel, [&](bool vector, const auto* weight) {
#if MELODYVAE_X86_KERNELS
    if (vector) return denseAvx2(in, inputs_, weight, bias_.data(), scale_.data(), outputs_, out);
#endif
    (void)vector;
    densePortable(in, inputs_, weight, bias_.data(), scale_.data(), outputs_, out);
  });
}

void InputMajorDense::forwardSparse(const float* in, float* out, KernelChoice kernel) const noexcept {
  dispatch(kernel, [&](bool vector, const auto* weight) {
#if MELODYVAE_X86_KERNELS
    if (vector) return sparseAvx2(in, inputs_, weight, bias_.data(), scale_.data(), outputs_, out);
#endif
    (void)vector;
    sparsePortable(in, inputs_, weight, bias_.data(), scale_.data(), outputs_, out);
  });
}

void InputMajorDense::forwardRows(const int* rows, const float* values, int count, float* out,
                                  KernelChoice kernel) const noexcept {
  const ListedRows listed{rows, values, count, inputs_};
  dispatch(kernel, [&](bool vector, const auto* weight) {
#if MELODYVAE_X86_KERNELS
    if (vector) return rowsAvx2(listed, weight, bias_.data(), scale_.data(), outputs_, out);
#endif
    (void)vector;
    rowsPortable(listed, weight, bias_.data(), scale_.data(), outputs_, out);
  });
}

void sigmoidInPlace(float* values, int count, KernelChoice kernel) noexcept {
#if MELODYVAE_X86_KERNELS
  if (useVector(kernel)) return sigmoidAvx2(values, count);
#endif
  (void)kernel;
  sigmoidPortable(values, count);
}

void tanhInPlace(float* values, int count, KernelChoice kernel) noexcept {
#if MELODYVAE_X86_KERNELS
  if (useVector(kernel)) return tanhAvx2(values, count);
#endif
  (void)kernel;
  tanhPortable(values, count);
}

void leakyReluInPlace(float* values, int count, float slope) noexcept {
  // Branch-free (leaky_factor.h): the same values as the select, and the loop vectorizes.
  const auto one = std::bit_cast<std::uint32_t>(1.0f);
  const auto slopeBits = std::bit_cast<std::uint32_t>(slope);
  float* __restrict v = values;
  for (int i = 0; i < count; ++i) v[i] = v[i] * leakyFactor(v[i], one, slopeBits);
}

}  // namespace melodyvae::nn
