// Vae::trainStep writes the weight gradients straight from their products, without a pass of zeros over
// the whole block first: whatever the block held before must not survive a step.
#include <gtest/gtest.h>

#include <limits>
#include <span>
#include <vector>

#include "core/vae/vae.h"
#include "tests/unit/vae/test_planes.h"

namespace melodyvae::vae {
namespace {

using testing::copyOf;
using testing::smallShape;

TEST(GradientOverwrite, TrainStepWritesEveryGradient) {
  for (const int batch : {3, 70}) {  // 70 rows: the products and layers split over the worker pool
    Vae vae(smallShape(), 2);
    const auto input = testing::makeTestPlanes(batch, 3, 8, 4);
    RandomNoise first(3);
    vae.trainStep(input.batch, 0.5f, first);
    const auto gradients = copyOf(vae.gradients());
    for (float& gradient : vae.gradients()) gradient = std::numeric_limits<float>::quiet_NaN();
    RandomNoise second(3);  // the running statistics changed; training-mode gradients do not use them
    vae.trainStep(input.batch, 0.5f, second);
    EXPECT_EQ(copyOf(vae.gradients()), gradients) << "batch " << batch;
  }
}

}  // namespace
}  // namespace melodyvae::vae
