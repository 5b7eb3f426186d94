// Reading the recorded key and turning a scale into allowed rows.
#include "core/generation/key_choice.h"

#include <stdexcept>

#include "core/music/key_finding.h"

namespace melodyvae::generation {

std::optional<music::Scale> recordedKey(const modelfile::ModelMetadata& metadata) {
  const nlohmann::json& recipe = metadata.recipe;
  if (!recipe.is_object()) return std::nullopt;
  if (const auto key = recipe.find(modelfile::kRecipeKeyKey); key != recipe.end() && key->is_string()) {
    try {
      return music::parseScale(key->get<std::string>());
    } catch (const std::invalid_argument&) {
      // A damaged entry: fall back to the pitch classes below.
    }
  }
  const auto classes = recipe.find(modelfile::kRecipePitchClassesKey);
  if (classes == recipe.end() || !classes->is_array() || classes->size() != 12) return std::nullopt;
  music::PitchClassWeights weights{};
  for (std::size_t i = 0; i < 12; ++i) {
    if (!(*classes)[i].is_number()) return std::nullopt;
    weights[i] = (*classes)[i].get<double>();
  }
  const auto estimate = music::estimateKey(weights);
  if (!estimate) return std::nullopt;
  return estimate->key;
}

std::uint32_t allowedRowsFor(const music::Scale& scale, const modelfile::Representation& representation) {
  const std::uint32_t rows = music::rowMask(scale, representation.lowestPitch, representation.rows);
  if (rows == 0) {
    throw std::invalid_argument("the scale " + music::scaleName(scale) +
                                " has no pitch in the model's range");
  }
  return rows;
}

}  // namespace melodyvae::generation
