// What a model file says about itself besides the weights: the data representation the model was trained
// on, the network's shape, and the training recipe and history (as JSON written by core/training).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/vae/model_shape.h"

namespace melodyvae::modelfile {

inline constexpr char kFormatName[] = "melodyvae-model";
inline constexpr int kFormatVersion = 1;
// Metadata key of the CRC-32 of the data section (8 lowercase hex digits); required from version 1.
inline constexpr char kDataCrc32Key[] = "data_crc32";

// Recipe entries `melodyvae train` records about the training data's key (core/training/training_metadata.h):
// the summed note lengths per pitch class (12 numbers, C first) and the key they suggest ("A:minor").
inline constexpr char kRecipePitchClassesKey[] = "pitchClassDurations";
inline constexpr char kRecipeKeyKey[] = "key";

// The grid and normalizations of docs/design.md "Data"; generation needs them to turn planes into notes.
struct Representation {
  int lowestPitch = 48;                // MIDI pitch of row 0
  int rows = 24;                       // pitch rows
  int steps = 32;                      // sixteenth steps per loop
  int stepsPerQuarter = 4;             // grid resolution
  std::string durationScale = "log";   // normalized = log(steps / shortest) / log(longest / shortest)
  double shortestDurationSteps = 0.5;  // normalized duration 0
  double longestDurationSteps = 32.0;  // normalized duration 1
  int minOnsets = 5;                   // loops with more onsets than this were kept
  int hopSteps = 32;                   // distance between loop windows
  bool augmented = false;              // transpositions were added to the training data

  friend bool operator==(const Representation&, const Representation&) = default;
};

struct ModelMetadata {
  Representation representation;
  nlohmann::json recipe = nlohmann::json::object();  // the TrainingConfig (core/training writes it)
  nlohmann::json history = nlohmann::json::array();  // one object per epoch (core/training writes it)
  std::string createdBy = "melodyvae";               // program and version that wrote the file
};

// The shortest decimal that reads back as `value` (0.001f is written 0.001, not 0.0010000000474974513).
double shortestDecimal(float value);

// `value` as an int in [low, high] if it is one: a JSON integer, or a number without a fractional part
// (64.0); nullopt for anything else (2.5, 1e300, -1 when low is 0, "7", null). Casts only values in range,
// so a hostile number in a file's JSON cannot make undefined behaviour.
std::optional<int> integerIn(const nlohmann::json& value, int low, int high);

// `value` as JSON text for an error message; bytes that are not UTF-8 become U+FFFD (never throws).
std::string jsonText(const nlohmann::json& value);

nlohmann::json representationToJson(const Representation& representation);
nlohmann::json shapeToJson(const vae::ModelShape& shape);

// The "__metadata__" entries of a model file for `shape` and `metadata`, all but kDataCrc32Key (which
// encodeModel adds once the tensors are known). Bytes in recipe or history strings that are not valid
// UTF-8 (a file path recorded by `melodyvae bend`, say) are written as U+FFFD. Throws ModelFileError
// naming `label` if the JSON cannot be written.
std::map<std::string, std::string> encodeMetadata(const vae::ModelShape& shape, const ModelMetadata& metadata,
                                                  const std::string& label = "<memory>");

// 8 lowercase hex digits, as kDataCrc32Key holds them.
std::string crc32Text(std::uint32_t crc);

// Parses and checks the entries written by encodeMetadata plus kDataCrc32Key: format name and version,
// every field present with a sensible value, and a representation this build can use (24 rows, 32 steps,
// 4 per quarter). Throws ModelFileError naming `label` and the entry.
struct DecodedMetadata {
  vae::ModelShape shape;
  ModelMetadata metadata;
  std::uint32_t dataCrc32 = 0;  // what the file says its data section's CRC-32 is
};
DecodedMetadata decodeMetadata(const std::map<std::string, std::string>& entries, const std::string& label);

}  // namespace melodyvae::modelfile
