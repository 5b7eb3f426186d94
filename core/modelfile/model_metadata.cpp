// Model-file metadata to and from the safetensors "__metadata__" strings, with every field checked.
#include "core/modelfile/model_metadata.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/loops/duration.h"
#include "core/loops/loop.h"
#include "core/modelfile/model_file_error.h"
#include "core/modelfile/safetensors.h"

namespace melodyvae::modelfile {
namespace {

using Json = nlohmann::json;

// Reads fields of one JSON-object metadata entry, throwing ModelFileError that names entry and field.
class FieldReader {
 public:
  FieldReader(const Json& object, std::string entry, std::string label)
      : object_(object), entry_(std::move(entry)), label_(std::move(label)) {}

  int integer(const char* field, int low, int high) const {
    const Json& value = find(field);
    if (!value.is_number_integer() || value.get<std::int64_t>() < low || value.get<std::int64_t>() > high) {
      fail(field, "must be an integer in " + std::to_string(low) + ".." + std::to_string(high) + ", not " +
                      jsonText(value));
    }
    return value.get<int>();
  }

  double number(const char* field, double low, double high) const {
    const Json& value = find(field);
    if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < low ||
        value.get<double>() > high) {
      fail(field, "must be a number in [" + std::to_string(low) + ", " + std::to_string(high) + "], not " +
                      jsonText(value));
    }
    return value.get<double>();
  }

  float real(const char* field, double low, double high) const {
    return static_cast<float>(number(field, low, high));
  }

  std::string text(const char* field) const {
    const Json& value = find(field);
    if (!value.is_string()) fail(field, "must be a string, not " + jsonText(value));
    return value.get<std::string>();
  }

  bool flag(const char* field) const {
    const Json& value = find(field);
    if (!value.is_boolean()) fail(field, "must be true or false, not " + jsonText(value));
    return value.get<bool>();
  }

  [[noreturn]] void fail(const char* field, const std::string& problem) const {
    throw ModelFileError(label_, "metadata '" + entry_ + "', field '" + field + "': " + problem);
  }

 private:
  const Json& find(const char* field) const {
    const auto it = object_.find(field);
    if (it == object_.end()) fail(field, "missing");
    return *it;
  }

  const Json& object_;
  std::string entry_;
  std::string label_;
};

Json parseEntry(const std::map<std::string, std::string>& entries, const std::string& key,
                const std::string& label, Json::value_t expected) {
  const auto it = entries.find(key);
  if (it == entries.end()) throw ModelFileError(label, "metadata entry '" + key + "' is missing");
  const std::span<const std::uint8_t> text(reinterpret_cast<const std::uint8_t*>(it->second.data()),
                                           it->second.size());
  if (jsonNestingDepth(text, kMaxHeaderNesting) > kMaxHeaderNesting) {
    throw ModelFileError(label, "metadata entry '" + key + "' nests too deeply: the file is damaged");
  }
  Json value;
  try {
    value = Json::parse(it->second);
  } catch (const Json::exception& error) {
    throw ModelFileError(label, "metadata entry '" + key + "' is not valid JSON: " + error.what());
  }
  if (value.type() != expected) {
    throw ModelFileError(label, "metadata entry '" + key + "' should be a JSON " +
                                    (expected == Json::value_t::object ? "object" : "array") + ", not " +
                                    value.type_name());
  }
  return value;
}

vae::ModelShape readShape(const Json& object, const std::string& label) {
  const FieldReader read(object, "shape", label);
  constexpr int kMaxWidth = 1 << 15;
  vae::ModelShape shape;
  shape.cells = read.integer("cells", loops::kCells, loops::kCells);
  shape.planeHidden = read.integer("planeHidden", 1, kMaxWidth);
  shape.mergeHidden = read.integer("mergeHidden", 1, kMaxWidth);
  shape.latent = read.integer("latent", 1, 256);
  shape.decoderHidden = read.integer("decoderHidden", 1, kMaxWidth);
  shape.branchHidden = read.integer("branchHidden", 1, kMaxWidth);
  shape.dropout = read.real("dropout", 0.0, 0.99);
  shape.leakySlope = read.real("leakySlope", 0.0, 1.0);
  shape.batchNormMomentum = read.real("batchNormMomentum", 0.0, 1.0);
  shape.batchNormEpsilon = read.real("batchNormEpsilon", 1e-12, 1.0);
  shape.onsetWeight = read.real("onsetWeight", 0.0, 1e6);
  shape.velocityWeight = read.real("velocityWeight", 0.0, 1e6);
  shape.durationWeight = read.real("durationWeight", 0.0, 1e6);
  shape.offsetWeight = read.real("offsetWeight", 0.0, 1e6);
  return shape;
}

Representation readRepresentation(const Json& object, const std::string& label) {
  const FieldReader read(object, "representation", label);
  Representation representation;
  representation.lowestPitch = read.integer("lowestPitch", 0, 127 - loops::kRows + 1);
  representation.rows = read.integer("rows", loops::kRows, loops::kRows);
  representation.steps = read.integer("steps", loops::kSteps, loops::kSteps);
  representation.stepsPerQuarter =
      read.integer("stepsPerQuarter", loops::kStepsPerQuarter, loops::kStepsPerQuarter);
  representation.durationScale = read.text("durationScale");
  if (representation.durationScale != "log") {
    read.fail("durationScale", "is '" + representation.durationScale + "'; this build knows only 'log'");
  }
  representation.shortestDurationSteps =
      read.number("shortestDurationSteps", loops::kShortestDurationSteps, loops::kShortestDurationSteps);
  representation.longestDurationSteps =
      read.number("longestDurationSteps", loops::kLongestDurationSteps, loops::kLongestDurationSteps);
  representation.minOnsets = read.integer("minOnsets", 0, loops::kCells);
  representation.hopSteps = read.integer("hopSteps", 1, loops::kSteps);
  representation.augmented = read.flag("augmented");
  return representation;
}

std::uint32_t readCrc32(const std::map<std::string, std::string>& entries, const std::string& label) {
  const auto it = entries.find(kDataCrc32Key);
  if (it == entries.end()) {
    throw ModelFileError(label, std::string("metadata entry '") + kDataCrc32Key +
                                    "' (the weights' checksum) is missing: the file is damaged or was not "
                                    "written by MelodyVAE");
  }
  const std::string& text = it->second;
  if (text.size() != 8 || text.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw ModelFileError(label, std::string("metadata entry '") + kDataCrc32Key + "' is '" + text +
                                    "', not 8 lowercase hex digits: the file is damaged");
  }
  return static_cast<std::uint32_t>(std::stoul(text, nullptr, 16));
}

}  // namespace

std::optional<int> integerIn(const Json& value, int low, int high) {
  if (value.is_number_unsigned()) {
    const std::uint64_t number = value.get<std::uint64_t>();
    if (high < 0 || number > static_cast<std::uint64_t>(high) || static_cast<std::int64_t>(number) < low) {
      return std::nullopt;
    }
    return static_cast<int>(number);
  }
  if (value.is_number_integer()) {
    const std::int64_t number = value.get<std::int64_t>();
    if (number < low || number > high) return std::nullopt;
    return static_cast<int>(number);
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();  // low and high are exact as doubles
    if (!std::isfinite(number) || number != std::trunc(number) || number < low || number > high) {
      return std::nullopt;
    }
    return static_cast<int>(number);
  }
  return std::nullopt;
}

std::string jsonText(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

double shortestDecimal(float value) {
  if (!std::isfinite(value)) return value;
  for (int digits = 6; digits < 9; ++digits) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(value));
    const double candidate = std::strtod(buffer, nullptr);
    if (static_cast<float>(candidate) == value) return candidate;
  }
  return value;
}

Json representationToJson(const Representation& r) {
  return {{"lowestPitch", r.lowestPitch},
          {"rows", r.rows},
          {"steps", r.steps},
          {"stepsPerQuarter", r.stepsPerQuarter},
          {"durationScale", r.durationScale},
          {"shortestDurationSteps", r.shortestDurationSteps},
          {"longestDurationSteps", r.longestDurationSteps},
          {"minOnsets", r.minOnsets},
          {"hopSteps", r.hopSteps},
          {"augmented", r.augmented}};
}

Json shapeToJson(const vae::ModelShape& s) {
  return {{"cells", s.cells},
          {"planeHidden", s.planeHidden},
          {"mergeHidden", s.mergeHidden},
          {"latent", s.latent},
          {"decoderHidden", s.decoderHidden},
          {"branchHidden", s.branchHidden},
          {"dropout", shortestDecimal(s.dropout)},
          {"leakySlope", shortestDecimal(s.leakySlope)},
          {"batchNormMomentum", shortestDecimal(s.batchNormMomentum)},
          {"batchNormEpsilon", shortestDecimal(s.batchNormEpsilon)},
          {"onsetWeight", shortestDecimal(s.onsetWeight)},
          {"velocityWeight", shortestDecimal(s.velocityWeight)},
          {"durationWeight", shortestDecimal(s.durationWeight)},
          {"offsetWeight", shortestDecimal(s.offsetWeight)}};
}

std::map<std::string, std::string> encodeMetadata(const vae::ModelShape& shape, const ModelMetadata& metadata,
                                                  const std::string& label) {
  // Strings in the recipe and history come from outside (file paths, names) and need not be UTF-8:
  // nlohmann's default dump throws on them, jsonText writes U+FFFD instead.
  try {
    return {{"format", kFormatName},
            {"format_version", std::to_string(kFormatVersion)},
            {"created_by", metadata.createdBy},
            {"representation", jsonText(representationToJson(metadata.representation))},
            {"shape", jsonText(shapeToJson(shape))},
            {"recipe", jsonText(metadata.recipe)},
            {"history", jsonText(metadata.history)}};
  } catch (const Json::exception& error) {
    throw ModelFileError(label, std::string("cannot write the metadata as JSON: ") + error.what());
  }
}

std::string crc32Text(std::uint32_t crc) {
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", static_cast<unsigned>(crc));
  return buffer;
}

DecodedMetadata decodeMetadata(const std::map<std::string, std::string>& entries, const std::string& label) {
  const auto format = entries.find("format");
  if (format == entries.end() || format->second != kFormatName) {
    throw ModelFileError(label,
                         "this safetensors file is not a MelodyVAE model (metadata 'format' is " +
                             (format == entries.end() ? std::string("missing") : "'" + format->second + "'") +
                             ", expected '" + kFormatName + "')");
  }
  const auto version = entries.find("format_version");
  if (version == entries.end()) throw ModelFileError(label, "metadata entry 'format_version' is missing");
  if (version->second != std::to_string(kFormatVersion)) {
    const bool newer = version->second.size() > 0 && version->second.size() < 9 &&
                       version->second.find_first_not_of("0123456789") == std::string::npos &&
                       std::stoi(version->second) > kFormatVersion;
    throw ModelFileError(label, "format version '" + version->second + "' is not one this build reads (" +
                                    std::to_string(kFormatVersion) + ")" +
                                    (newer ? std::string(": ") + kNewerFormatAdvice : std::string()));
  }
  DecodedMetadata decoded;
  const auto createdBy = entries.find("created_by");
  if (createdBy != entries.end()) decoded.metadata.createdBy = createdBy->second;
  try {
    decoded.shape = readShape(parseEntry(entries, "shape", label, Json::value_t::object), label);
    decoded.metadata.representation =
        readRepresentation(parseEntry(entries, "representation", label, Json::value_t::object), label);
    decoded.metadata.recipe = parseEntry(entries, "recipe", label, Json::value_t::object);
    decoded.metadata.history = parseEntry(entries, "history", label, Json::value_t::array);
  } catch (const Json::exception& error) {  // the checks above should leave nothing for nlohmann to refuse
    throw ModelFileError(label, std::string("the metadata cannot be read: ") + error.what());
  }
  decoded.dataCrc32 = readCrc32(entries, label);
  return decoded;
}

}  // namespace melodyvae::modelfile
