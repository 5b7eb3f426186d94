// Vae::trainStep with an optimizer (Adam fused into the backward pass, layer by layer) against trainStep
// followed by Adam::step: the same parameters, moments and gradients, bit for bit.
#include <gtest/gtest.h>

#include <span>
#include <stdexcept>
#include <vector>

#include "core/nn/adam.h"
#include "core/vae/vae.h"
#include "tests/unit/vae/test_planes.h"

namespace melodyvae::vae {
namespace {

using testing::copyOf;

ModelShape mediumShape() {  // large enough for the worker pool's parallel parts and Adam's ranges
  ModelShape shape;
  shape.cells = 96;  // 4 rows x 24 steps
  shape.planeHidden = 64;
  shape.mergeHidden = 48;
  shape.latent = 3;
  shape.decoderHidden = 80;
  shape.branchHidden = 40;
  return shape;
}

TEST(FusedAdam, EqualsTrainStepThenAdamStep) {
  const ModelShape shape = mediumShape();
  const auto input = testing::makeTestPlanes(300, 4, 24, 8);
  Vae separate(shape, 5);
  Vae fused(shape, 5);
  nn::Adam separateAdam(separate.parameters().size());
  nn::Adam fusedAdam(fused.parameters().size());
  RandomNoise separateNoise(6), fusedNoise(6);
  for (int step = 0; step < 3; ++step) {
    const float learningRate = 1e-3f * static_cast<float>(step + 1);
    const LossParts a = separate.trainStep(input.batch, 0.5f, separateNoise);
    separateAdam.step(separate.parameters(), separate.gradients(), learningRate);
    const LossParts b = fused.trainStep(input.batch, 0.5f, fusedNoise, fusedAdam, learningRate);
    EXPECT_EQ(a.total, b.total) << "step " << step;
    ASSERT_EQ(copyOf(separate.gradients()), copyOf(fused.gradients())) << "step " << step;
    ASSERT_EQ(copyOf(separate.parameters()), copyOf(fused.parameters())) << "step " << step;
    ASSERT_EQ(copyOf(separateAdam.firstMoment()), copyOf(fusedAdam.firstMoment())) << "step " << step;
    ASSERT_EQ(copyOf(separateAdam.secondMoment()), copyOf(fusedAdam.secondMoment())) << "step " << step;
    EXPECT_EQ(copyOf(separate.batchNormState()), copyOf(fused.batchNormState())) << "step " << step;
  }
  EXPECT_EQ(separateAdam.stepCount(), fusedAdam.stepCount());
}

TEST(FusedAdam, RejectsAnOptimizerOfAnotherSize) {
  Vae vae(mediumShape(), 1);
  const auto input = testing::makeTestPlanes(4, 4, 24, 1);
  nn::Adam adam(vae.parameters().size() - 1);
  RandomNoise noise(1);
  EXPECT_THROW(vae.trainStep(input.batch, 1.0f, noise, adam, 1e-3f), std::invalid_argument);
  EXPECT_EQ(adam.stepCount(), 0);
}

}  // namespace
}  // namespace melodyvae::vae
