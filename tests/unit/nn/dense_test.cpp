// Dense and sparse-input dense layers: finite-difference gradients and agreement between the two.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <array>

#include "core/nn/dense.h"
#include "core/nn/sparse_dense.h"
#include "tests/unit/nn/gradient_check.h"

namespace melodyvae::nn {
namespace {

using testing::checkGradient;
using testing::dot;
using testing::randomValues;

constexpr int kBatch = 3;
constexpr int kIn = 5;
constexpr int kOut = 4;

TEST(Dense, GradientsMatchFiniteDifferences) {
  std::vector<double> in = randomValues(kBatch * kIn, 1);            // [3, 5]
  std::vector<double> weight = randomValues(kOut * kIn, 2);          // [4, 5]
  std::vector<double> bias = randomValues(kOut, 3);                  // [4]
  const std::vector<double> probe = randomValues(kBatch * kOut, 4);  // d loss / d out
  std::vector<double> out(kBatch * kOut);
  auto loss = [&] {
    denseForward<double>(constViewOf(in.data(), kBatch, kIn), constViewOf(weight.data(), kOut, kIn),
                         bias.data(), viewOf(out.data(), kBatch, kOut));
    return dot(out, probe);
  };
  loss();
  std::vector<double> dIn(in.size(), 0.0);
  std::vector<double> dWeight(weight.size(), 0.0);
  std::vector<double> dBias(bias.size(), 0.0);
  denseBackwardParams<double>(constViewOf(probe.data(), kBatch, kOut), constViewOf(in.data(), kBatch, kIn),
                              viewOf(dWeight.data(), kOut, kIn), dBias.data());
  denseBackwardInput<double>(constViewOf(probe.data(), kBatch, kOut), constViewOf(weight.data(), kOut, kIn),
                             viewOf(dIn.data(), kBatch, kIn), false);
  checkGradient("dense d/din", in, dIn, loss);
  checkGradient("dense d/dweight", weight, dWeight, loss);
  checkGradient("dense d/dbias", bias, dBias, loss);
}

TEST(GradientCheck, CatchesAWrongGradient) {
  std::vector<double> in = randomValues(kBatch * kIn, 1);
  const std::vector<double> weight = randomValues(kOut * kIn, 2);
  const std::vector<double> bias(kOut, 0.0);
  const std::vector<double> probe = randomValues(kBatch * kOut, 4);
  std::vector<double> out(kBatch * kOut);
  auto loss = [&] {
    denseForward<double>(constViewOf(in.data(), kBatch, kIn), constViewOf(weight.data(), kOut, kIn),
                         bias.data(), viewOf(out.data(), kBatch, kOut));
    return dot(out, probe);
  };
  std::vector<double> dIn(in.size());
  denseBackwardInput<double>(constViewOf(probe.data(), kBatch, kOut), constViewOf(weight.data(), kOut, kIn),
                             viewOf(dIn.data(), kBatch, kIn), false);
  dIn[7] *= 1.001;  // a 0.1% error must be caught
  EXPECT_NONFATAL_FAILURE(checkGradient("wrong", in, dIn, loss), "largest relative error");
}

TEST(Dense, BackwardAddsIntoParameterGradientsAndOptionallyIntoInputGradient) {
  const std::vector<double> in = randomValues(kBatch * kIn, 5);
  const std::vector<double> weight = randomValues(kOut * kIn, 6);
  const std::vector<double> dOut = randomValues(kBatch * kOut, 7);
  std::vector<double> once(kOut * kIn, 0.0);
  std::vector<double> twice(kOut * kIn, 0.0);
  std::vector<double> bias1(kOut, 0.0), bias2(kOut, 0.0);
  denseBackwardParams<double>(constViewOf(dOut.data(), kBatch, kOut), constViewOf(in.data(), kBatch, kIn),
                              viewOf(once.data(), kOut, kIn), bias1.data());
  for (int k = 0; k < 2; ++k) {
    denseBackwardParams<double>(constViewOf(dOut.data(), kBatch, kOut), constViewOf(in.data(), kBatch, kIn),
                                viewOf(twice.data(), kOut, kIn), bias2.data());
  }
  for (std::size_t i = 0; i < once.size(); ++i) EXPECT_NEAR(twice[i], 2 * once[i], 1e-12) << i;
  for (std::size_t i = 0; i < bias1.size(); ++i) EXPECT_NEAR(bias2[i], 2 * bias1[i], 1e-12) << i;

  std::vector<double> dIn(kBatch * kIn, 0.0);
  denseBackwardInput<double>(constViewOf(dOut.data(), kBatch, kOut), constViewOf(weight.data(), kOut, kIn),
                             viewOf(dIn.data(), kBatch, kIn), false);
  std::vector<double> dInTwice = dIn;
  denseBackwardInput<double>(constViewOf(dOut.data(), kBatch, kOut), constViewOf(weight.data(), kOut, kIn),
                             viewOf(dInTwice.data(), kBatch, kIn), true);
  for (std::size_t i = 0; i < dIn.size(); ++i) EXPECT_NEAR(dInTwice[i], 2 * dIn[i], 1e-12) << i;
}

TEST(SparseDense, MatchesDenseForwardAndParameterGradients) {
  // Sparse rows with a few non-zeros, one empty row.
  const std::vector<float> inFloat = {0,  0.5f, 0, 0,     1,  //
                                      0,  0,    0, 0,     0,  //
                                      -1, 0,    0, 0.25f, 0};
  std::vector<double> in(inFloat.begin(), inFloat.end());
  const std::vector<double> weight = randomValues(kOut * kIn, 8);
  const std::vector<double> bias = randomValues(kOut, 9);
  const std::vector<double> dOut = randomValues(kBatch * kOut, 10);
  SparseRows rows;
  rows.assign(inFloat.data(), kBatch, kIn);
  EXPECT_EQ(rows.column.size(), 4u);

  std::vector<double> dense(kBatch * kOut), sparse(kBatch * kOut);
  denseForward<double>(constViewOf(in.data(), kBatch, kIn), constViewOf(weight.data(), kOut, kIn),
                       bias.data(), viewOf(dense.data(), kBatch, kOut));
  sparseDenseForward<double>(rows, constViewOf(weight.data(), kOut, kIn), bias.data(),
                             viewOf(sparse.data(), kBatch, kOut));
  for (std::size_t i = 0; i < dense.size(); ++i) EXPECT_NEAR(sparse[i], dense[i], 1e-14) << i;

  std::vector<double> dWeightDense(weight.size(), 0.0), dWeightSparse(weight.size(), 0.0);
  std::vector<double> dBiasDense(kOut, 0.0), dBiasSparse(kOut, 0.0);
  denseBackwardParams<double>(constViewOf(dOut.data(), kBatch, kOut), constViewOf(in.data(), kBatch, kIn),
                              viewOf(dWeightDense.data(), kOut, kIn), dBiasDense.data());
  sparseDenseBackwardParams<double>(constViewOf(dOut.data(), kBatch, kOut), rows,
                                    viewOf(dWeightSparse.data(), kOut, kIn), dBiasSparse.data());
  for (std::size_t i = 0; i < dWeightDense.size(); ++i)
    EXPECT_NEAR(dWeightSparse[i], dWeightDense[i], 1e-14) << i;
  for (std::size_t i = 0; i < dBiasDense.size(); ++i) EXPECT_NEAR(dBiasSparse[i], dBiasDense[i], 1e-14) << i;
}

TEST(SparseDense, ForwardAtListedCellsEqualsTheDenseLayerThereAndZeroElsewhere) {
  // Small (on the caller) and the size of one output plane at batch 64 (on the worker pool).
  for (const auto [batch, in, out] : {std::array<int, 3>{4, 6, 9}, std::array<int, 3>{64, 512, 768}}) {
    const std::vector<double> input = randomValues(static_cast<std::size_t>(batch * in), 11);
    const std::vector<double> weight = randomValues(static_cast<std::size_t>(out * in), 12);
    const std::vector<double> bias = randomValues(static_cast<std::size_t>(out), 13);
    std::vector<float> cells(static_cast<std::size_t>(batch * out), 0.0f);  // every 7th cell; row 1 none
    for (std::size_t i = 0; i < cells.size(); i += 7) {
      if (static_cast<int>(i) / out != 1) cells[i] = 1.0f;
    }
    SparseRows at;
    at.assign(cells.data(), batch, out);
    std::vector<double> dense(cells.size()), listed(cells.size(), 99.0);
    denseForward<double>(constViewOf(input.data(), batch, in), constViewOf(weight.data(), out, in),
                         bias.data(), viewOf(dense.data(), batch, out));
    denseForwardAt<double>(at, constViewOf(input.data(), batch, in), constViewOf(weight.data(), out, in),
                           bias.data(), viewOf(listed.data(), batch, out));
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i] != 0.0f) {
        ASSERT_NEAR(listed[i], dense[i], 1e-12) << out << " outputs, cell " << i;
      } else {
        ASSERT_EQ(listed[i], 0.0) << out << " outputs, cell " << i;
      }
    }
  }
}

}  // namespace
}  // namespace melodyvae::nn
