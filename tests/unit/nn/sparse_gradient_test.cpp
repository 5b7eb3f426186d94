// SparseGradient: the backward products over the non-zeros of a mostly-zero output gradient against the
// dense products (core/nn/dense.h), on the caller and on the worker pool.
#include "core/nn/sparse_gradient.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "core/nn/dense.h"
#include "core/nn/worker_pool.h"
#include "tests/unit/nn/gradient_check.h"

namespace melodyvae::nn {
namespace {

using testing::randomValues;

// [rows, cols] values with about `density` of them non-zero; row 1 and column 2 all zero.
template <typename Scalar>
std::vector<Scalar> sparseValues(int rows, int cols, double density, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::bernoulli_distribution present(density);
  std::uniform_real_distribution<double> value(-1, 1);
  std::vector<Scalar> values(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), Scalar(0));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (r != 1 && c != 2 && present(engine))
        values[static_cast<std::size_t>(r * cols + c)] = Scalar(value(engine));
    }
  }
  return values;
}

template <typename Scalar>
std::vector<Scalar> cast(const std::vector<double>& values) {
  return std::vector<Scalar>(values.begin(), values.end());
}

struct Products {
  std::vector<double> dWeight, dBias, dIn, dInAdded;
};

// Both backward products of a layer [out, in] for the output gradient dOut [batch, out], sparse or dense.
template <typename Scalar>
Products backwardProducts(bool sparse, int batch, int in, int out, const std::vector<Scalar>& dOut) {
  const auto input = cast<Scalar>(randomValues(static_cast<std::size_t>(batch * in), 1));
  const auto weight = cast<Scalar>(randomValues(static_cast<std::size_t>(out * in), 2));
  const auto earlier = cast<Scalar>(randomValues(static_cast<std::size_t>(batch * in), 3));
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();  // every value must be written
  std::vector<Scalar> dWeight(weight.size(), nan), dBias(static_cast<std::size_t>(out), nan);
  std::vector<Scalar> dIn(input.size(), nan), dInAdded = earlier;
  auto dOutView = constViewOf(dOut.data(), batch, out);
  auto inView = constViewOf(input.data(), batch, in);
  auto weightView = constViewOf(weight.data(), out, in);
  if (sparse) {
    SparseGradient<Scalar> gradient;
    gradient.reserve(batch, out, 0.5);
    EXPECT_TRUE(gradient.assign(dOutView, 0.5));
    gradient.backwardParams(inView, viewOf(dWeight.data(), out, in), dBias.data());
    gradient.backwardInput(weightView, viewOf(dIn.data(), batch, in), false);
    gradient.backwardInput(weightView, viewOf(dInAdded.data(), batch, in), true);
  } else {
    denseBackwardParams<Scalar>(dOutView, inView, viewOf(dWeight.data(), out, in), dBias.data(), false);
    denseBackwardInput<Scalar>(dOutView, weightView, viewOf(dIn.data(), batch, in), false);
    denseBackwardInput<Scalar>(dOutView, weightView, viewOf(dInAdded.data(), batch, in), true);
  }
  auto widen = [](const std::vector<Scalar>& v) { return std::vector<double>(v.begin(), v.end()); };
  return {widen(dWeight), widen(dBias), widen(dIn), widen(dInAdded)};
}

void expectNear(const std::vector<double>& actual, const std::vector<double>& expected, double tolerance,
                const char* what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    ASSERT_NEAR(actual[i], expected[i], tolerance) << what << " at " << i;
  }
}

TEST(SparseGradient, MatchesTheDenseBackwardProducts) {
  const int batch = 9, in = 7, out = 11;
  const auto dOut = sparseValues<double>(batch, out, 0.2, 4);
  const Products sparse = backwardProducts<double>(true, batch, in, out, dOut);
  const Products dense = backwardProducts<double>(false, batch, in, out, dOut);
  expectNear(sparse.dWeight, dense.dWeight, 1e-14, "dWeight");
  expectNear(sparse.dBias, dense.dBias, 1e-14, "dBias");
  expectNear(sparse.dIn, dense.dIn, 1e-14, "dIn");
  expectNear(sparse.dInAdded, dense.dInAdded, 1e-14, "dIn added");
  // The all-zero feature gets zero gradients, written over the NaNs.
  for (int i = 0; i < in; ++i) EXPECT_EQ(sparse.dWeight[static_cast<std::size_t>(2 * in + i)], 0.0);
  EXPECT_EQ(sparse.dBias[2], 0.0);
}

TEST(SparseGradient, MatchesTheDenseProductsAtTheModelsSizeOnAnyThreadCount) {
  // The output layer of one plane at batch 64, an onset in ~3% of cells: large enough for the worker pool.
  const int batch = 64, in = 512, out = 768;
  const auto dOut = sparseValues<float>(batch, out, 0.03, 5);
  const Products dense = backwardProducts<float>(false, batch, in, out, dOut);
  WorkerPool& pool = WorkerPool::shared();
  const int threads = pool.threads();
  pool.setThreads(1);
  const Products single = backwardProducts<float>(true, batch, in, out, dOut);
  pool.setThreads(2);
  const Products two = backwardProducts<float>(true, batch, in, out, dOut);
  pool.setThreads(threads);
  expectNear(single.dWeight, dense.dWeight, 2e-5, "dWeight");
  expectNear(single.dBias, dense.dBias, 2e-5, "dBias");
  expectNear(single.dIn, dense.dIn, 2e-5, "dIn");
  expectNear(single.dInAdded, dense.dInAdded, 2e-5, "dIn added");
  EXPECT_EQ(single.dWeight, two.dWeight);
  EXPECT_EQ(single.dBias, two.dBias);
  EXPECT_EQ(single.dIn, two.dIn);
}

TEST(SparseGradient, DeclinesAGradientDenserThanAsked) {
  const auto dOut = sparseValues<float>(8, 10, 0.6, 6);
  SparseGradient<float> gradient;
  gradient.reserve(8, 10, 0.25);
  EXPECT_FALSE(gradient.assign(constViewOf(dOut.data(), 8, 10), 0.25));
  EXPECT_EQ(gradient.nonZeros(), 0);
  const std::vector<float> zeros(80, 0.0f);
  EXPECT_TRUE(gradient.assign(constViewOf(zeros.data(), 8, 10), 0.25));
  EXPECT_EQ(gradient.nonZeros(), 0);
}

TEST(SparseGradient, TakesExactlyUpToItsDensityAndRecoversAfterDeclining) {
  const int batch = 8, in = 5, out = 10;  // 80 entries; at a density of 0.1 at most 8 non-zeros
  SparseGradient<double> gradient;
  gradient.reserve(batch, out, 0.1);
  std::vector<double> dOut(static_cast<std::size_t>(batch * out), 0.0);
  for (int k = 0; k < 8; ++k) dOut[static_cast<std::size_t>(k * 9)] = 0.5 + k;  // 8 non-zeros
  EXPECT_TRUE(gradient.assign(constViewOf(dOut.data(), batch, out), 0.1));
  EXPECT_EQ(gradient.nonZeros(), 8);
  std::vector<double> denser = dOut;
  denser[1] = -2.0;  // a ninth
  EXPECT_FALSE(gradient.assign(constViewOf(denser.data(), batch, out), 0.1));
  // Taken again after declining: the products are those of the dense layer.
  ASSERT_TRUE(gradient.assign(constViewOf(dOut.data(), batch, out), 0.1));
  const auto input = randomValues(static_cast<std::size_t>(batch * in), 7);
  const auto weight = randomValues(static_cast<std::size_t>(out * in), 8);
  std::vector<double> dWeight(weight.size()), dBias(static_cast<std::size_t>(out)), dIn(input.size());
  std::vector<double> denseWeight(weight.size()), denseBias(static_cast<std::size_t>(out)),
      denseIn(input.size());
  gradient.backwardParams(constViewOf(input.data(), batch, in), viewOf(dWeight.data(), out, in),
                          dBias.data());
  gradient.backwardInput(constViewOf(weight.data(), out, in), viewOf(dIn.data(), batch, in), false);
  denseBackwardParams<double>(constViewOf(dOut.data(), batch, out), constViewOf(input.data(), batch, in),
                              viewOf(denseWeight.data(), out, in), denseBias.data(), false);
  denseBackwardInput<double>(constViewOf(dOut.data(), batch, out), constViewOf(weight.data(), out, in),
                             viewOf(denseIn.data(), batch, in), false);
  expectNear(dWeight, denseWeight, 1e-14, "dWeight");
  expectNear(dBias, denseBias, 1e-14, "dBias");
  expectNear(dIn, denseIn, 1e-14, "dIn");
}

}  // namespace
}  // namespace melodyvae::nn
