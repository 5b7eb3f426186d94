// The scale a generating command keeps its notes in: none, one the musician names ("C:minor"), or the key
// of the training data that `melodyvae train` recorded in the model file ("--key auto").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/modelfile/model_metadata.h"
#include "core/music/scale.h"

namespace melodyvae::generation {

// The training data's key: the recipe's kRecipeKeyKey if valid, else estimated from its
// kRecipePitchClassesKey; nullopt for a model file that records neither (trained before keys were
// recorded, or imported) or whose data had no key that stood out.
std::optional<music::Scale> recordedKey(const modelfile::ModelMetadata& metadata);

// SelectionSettings::allowedRows for `scale` over the representation's rows. Throws std::invalid_argument
// naming the scale when none of its pitches falls in the model's pitch range (it cannot: 24 rows span two
// octaves, but a caller may pass any representation).
std::uint32_t allowedRowsFor(const music::Scale& scale, const modelfile::Representation& representation);

}  // namespace melodyvae::generation
