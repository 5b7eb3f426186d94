// What a model file says about itself besides the weights: the data representation the model was trained
// on, the network's shape, and the training recipe and history (as JSON written by core/training).
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/vae/model_shape.h"

namespace melodyvae::modelfile {

inline constexpr char kFormatName[] = "melodyvae-model";
inline constexpr int kFormatVersion = 1;

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

nlohmann::json representationToJson(const Representation& representation);
nlohmann::json shapeToJson(const vae::ModelShape& shape);

// The "__metadata__" entries of a model file for `shape` and `metadata`.
std::map<std::string, std::string> encodeMetadata(const vae::ModelShape& shape,
                                                  const ModelMetadata& metadata);

// Parses and checks the entries written by encodeMetadata: format name and version, every field present
// with a sensible value, and a representation this build can use (24 rows, 32 steps, 4 per quarter).
// Throws ModelFileError naming `label` and the entry.
struct DecodedMetadata {
  vae::ModelShape shape;
  ModelMetadata metadata;
};
DecodedMetadata decodeMetadata(const std::map<std::string, std::string>& entries, const std::string& label);

}  // namespace melodyvae::modelfile
