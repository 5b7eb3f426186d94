// A batch of mostly-zero input rows in compressed form (the input planes are ~97% zeros), so the first
// encoder layer touches only the weights of cells that hold a note.
#pragma once

#include <vector>

namespace melodyvae::nn {

// Compressed sparse rows of a [rows, cols] matrix. Reused across batches: assign() keeps capacity.
struct SparseRows {
  int rows = 0;
  int cols = 0;
  std::vector<int> rowStart;  // [rows + 1]; row r's entries are [rowStart[r], rowStart[r + 1])
  std::vector<int> column;    // [nonzeros]
  std::vector<float> value;   // [nonzeros]

  // Take the non-zero entries of a dense row-major [rows, cols] block.
  void assign(const float* dense, int rowCount, int colCount);
  // Make room for a [rowCount, colCount] block with every entry non-zero, so assign() never allocates.
  void reserve(int rowCount, int colCount);
};

}  // namespace melodyvae::nn
