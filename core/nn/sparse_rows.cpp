// Building the compressed rows of an input batch.
#include "core/nn/sparse_rows.h"

#include <cstddef>

namespace melodyvae::nn {

void SparseRows::assign(const float* dense, int rowCount, int colCount) {
  rows = rowCount;
  cols = colCount;
  rowStart.clear();
  column.clear();
  value.clear();
  rowStart.push_back(0);
  for (int r = 0; r < rowCount; ++r) {
    const float* row = dense + static_cast<std::ptrdiff_t>(r) * colCount;
    for (int c = 0; c < colCount; ++c) {
      if (row[c] != 0.0f) {
        column.push_back(c);
        value.push_back(row[c]);
      }
    }
    rowStart.push_back(static_cast<int>(column.size()));
  }
}

void SparseRows::reserve(int rowCount, int colCount) {
  const auto all = static_cast<std::size_t>(rowCount) * static_cast<std::size_t>(colCount);
  rowStart.reserve(static_cast<std::size_t>(rowCount) + 1);
  column.reserve(all);
  value.reserve(all);
}

}  // namespace melodyvae::nn
