// `melodyvae bend` through the binary: a bent copy changes only the decoder's weight matrices, is seeded,
// `bend 0` copies exactly, and the original model is never overwritten.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "core/modelfile/model_file.h"
#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

bool sameBits(std::span<const float> a, std::span<const float> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Per tensor of the parameter block: did it change between `a` and `b`?
struct Changes {
  int decoderWeightsChanged = 0;
  int decoderWeights = 0;
  int othersChanged = 0;
};
Changes compare(const vae::Vae& a, const vae::Vae& b) {
  Changes changes;
  for (const vae::TensorView& tensor : a.parameterTensors()) {
    const bool changed = !sameBits(a.parameters().subspan(tensor.offset, tensor.size),
                                   b.parameters().subspan(tensor.offset, tensor.size));
    const bool decoderWeight = tensor.inDecoder && !tensor.isBias && tensor.name.ends_with(".weight");
    changes.decoderWeights += decoderWeight;
    if (decoderWeight) {
      changes.decoderWeightsChanged += changed;
    } else {
      changes.othersChanged += changed;
    }
  }
  return changes;
}

TEST(BendCommand, BendsOnlyDecoderWeightMatricesAndIsSeeded) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string bentA = (scratch.path() / "bent_a.safetensors").string();
  const std::string bentB = (scratch.path() / "bent_b.safetensors").string();
  for (const std::string& output : {bentA, bentB}) {
    const ProcessResult result =
        runMelodyvae({"bend", model, "0.5", "--seed", "7", "-o", output}, scratch.path());
    ASSERT_EQ(result.exitStatus, 0) << result.err;
    EXPECT_TRUE(contains(result.out, "bent by 0.5 (seed 7)")) << result.out;
  }
  EXPECT_EQ(inspect_testing::slurp(bentA), inspect_testing::slurp(bentB)) << "same seed, same bent file";

  const modelfile::LoadedModel original = modelfile::loadModel(model);
  const modelfile::LoadedModel bent = modelfile::loadModel(bentA);
  const Changes changes = compare(original.model, bent.model);
  EXPECT_GT(changes.decoderWeights, 0);
  EXPECT_EQ(changes.decoderWeightsChanged, changes.decoderWeights) << "every decoder weight matrix is bent";
  EXPECT_EQ(changes.othersChanged, 0) << "encoder, biases and batch-norm gamma/beta stay";
  EXPECT_TRUE(sameBits(original.model.batchNormState(), bent.model.batchNormState()))
      << "batch-norm statistics stay";
  EXPECT_EQ(bent.metadata.createdBy, "melodyvae bend");
  ASSERT_TRUE(bent.metadata.recipe.contains("bends"));
  EXPECT_EQ(bent.metadata.recipe["bends"].size(), 1u);
  EXPECT_EQ(bent.metadata.recipe["bends"][0]["seed"], 7);

  const ProcessResult info = runMelodyvae({"info", bentA}, scratch.path());
  EXPECT_EQ(info.exitStatus, 0) << info.err;
  EXPECT_TRUE(contains(info.out, "written by melodyvae bend")) << info.out;
}

TEST(BendCommand, AmountZeroIsAnExactCopyOfTheWeights) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string copy = (scratch.path() / "copy.safetensors").string();
  const ProcessResult result = runMelodyvae({"bend", model, "0", "-o", copy}, scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  const modelfile::LoadedModel original = modelfile::loadModel(model);
  const modelfile::LoadedModel same = modelfile::loadModel(copy);
  EXPECT_TRUE(sameBits(original.model.parameters(), same.model.parameters()));
  EXPECT_TRUE(sameBits(original.model.batchNormState(), same.model.batchNormState()));
}

TEST(BendCommand, RefusesToOverwriteTheModelItBends) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string before = inspect_testing::slurp(model);
  const ProcessResult result = runMelodyvae({"bend", model, "0.5", "-o", model}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "is the model being bent")) << result.err;
  EXPECT_EQ(inspect_testing::slurp(model), before) << "the unbent model is untouched";
}

TEST(BendCommand, BadArgumentsExitTwoAndNameTheProblem) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string out = (scratch.path() / "bent.safetensors").string();
  const ProcessResult negative = runMelodyvae({"bend", model, "-0.5", "-o", out}, scratch.path());
  EXPECT_EQ(negative.exitStatus, 2);
  EXPECT_TRUE(contains(negative.err, "amount")) << negative.err;
  const ProcessResult missing = runMelodyvae(
      {"bend", (scratch.path() / "nope.safetensors").string(), "0.5", "-o", out}, scratch.path());
  EXPECT_EQ(missing.exitStatus, 2);
  EXPECT_TRUE(contains(missing.err, "nope.safetensors")) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(out)) << "nothing written after an error";
}

}  // namespace
}  // namespace melodyvae::product_testing
