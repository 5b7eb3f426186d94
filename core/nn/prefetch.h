// Asking for memory to be brought into cache ahead of use, where the order of reads depends on data (the
// cells of a batch pick the weight rows) and the hardware prefetcher cannot guess it.
#pragma once

#include <cstddef>

namespace melodyvae::nn {

// Prefetches the cache lines of values [first, first + count).
template <typename Scalar>
inline void prefetchValues(const Scalar* first, std::ptrdiff_t count) {
  constexpr auto kLine = static_cast<std::ptrdiff_t>(64 / sizeof(Scalar));  // values per cache line
  for (std::ptrdiff_t at = 0; at < count; at += kLine) __builtin_prefetch(first + at);
}

}  // namespace melodyvae::nn
