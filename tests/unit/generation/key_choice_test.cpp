// The training data's key as a model file records it, and scales as allowed rows.
#include "core/generation/key_choice.h"

#include <gtest/gtest.h>

namespace melodyvae::generation {
namespace {

TEST(RecordedKey, ReadsTheRecordedKeyOrEstimatesItFromThePitchClasses) {
  modelfile::ModelMetadata metadata;
  EXPECT_FALSE(recordedKey(metadata).has_value());  // an older file: nothing recorded
  metadata.recipe[modelfile::kRecipeKeyKey] = "D:minor";
  EXPECT_EQ(recordedKey(metadata), (music::Scale{2, music::Mode::kMinor}));
  // A damaged key falls back to the pitch classes: the C major profile itself.
  metadata.recipe[modelfile::kRecipeKeyKey] = "Q:nothing";
  metadata.recipe[modelfile::kRecipePitchClassesKey] = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09,
                                                        2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
  EXPECT_EQ(recordedKey(metadata), (music::Scale{0, music::Mode::kMajor}));
  metadata.recipe[modelfile::kRecipePitchClassesKey] = {1, 2, 3};  // wrong length
  EXPECT_FALSE(recordedKey(metadata).has_value());
  metadata.recipe[modelfile::kRecipePitchClassesKey] = nlohmann::json::array();
  for (int i = 0; i < 12; ++i) metadata.recipe[modelfile::kRecipePitchClassesKey].push_back("x");
  EXPECT_FALSE(recordedKey(metadata).has_value());
}

TEST(AllowedRowsFor, MapsTheScaleOntoTheRepresentationsRows) {
  modelfile::Representation representation;  // rows 48..71
  const std::uint32_t rows = allowedRowsFor({0, music::Mode::kMajor}, representation);
  EXPECT_EQ(__builtin_popcount(rows), 14);  // 7 notes in each of two octaves
  EXPECT_TRUE(rows & 1u);                   // C3
  EXPECT_FALSE(rows & 2u);                  // C#3
  representation.rows = 0;
  EXPECT_THROW(allowedRowsFor({0, music::Mode::kMajor}, representation), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::generation
