// Epoch reports to and from the JSON kept in the model file's history.
#include "core/training/epoch_report.h"

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/modelfile/model_metadata.h"

namespace melodyvae::training {
namespace {

nlohmann::json lossToJson(const vae::LossParts& loss) {
  return {{"onset", loss.onset},
          {"velocity", loss.velocity},
          {"duration", loss.duration},
          {"offset", loss.offset},
          {"kl", loss.kl},
          {"total", loss.total}};
}

// Where a problem is, for messages: "training history entry 3" or "training history".
std::string entryName(std::size_t entry) {
  return entry == 0 ? std::string("training history") : "training history entry " + std::to_string(entry);
}

double number(const nlohmann::json& json, const char* name, const std::string& where) {
  const auto it = json.find(name);
  if (it == json.end() || !it->is_number()) {
    throw std::invalid_argument(where + ": '" + name + "' is " +
                                (it == json.end() ? "missing" : modelfile::jsonText(*it) + ", not a number"));
  }
  return it->get<double>();
}

int integer(const nlohmann::json& json, const char* name, int low, const std::string& where) {
  constexpr int kHigh = std::numeric_limits<int>::max();
  const auto it = json.find(name);
  if (it == json.end()) throw std::invalid_argument(where + ": '" + name + "' is missing");
  const std::optional<int> value = modelfile::integerIn(*it, low, kHigh);
  if (!value) {
    throw std::invalid_argument(where + ": '" + name + "' is " + modelfile::jsonText(*it) +
                                ", not an integer in " + std::to_string(low) + ".." + std::to_string(kHigh));
  }
  return *value;
}

vae::LossParts lossFromJson(const nlohmann::json& json, const char* name, const std::string& where) {
  const auto it = json.find(name);
  if (it == json.end() || !it->is_object()) {
    throw std::invalid_argument(where + ": '" + name + "' is missing");
  }
  const std::string inner = where + ", '" + name + "'";
  return {number(*it, "onset", inner),  number(*it, "velocity", inner), number(*it, "duration", inner),
          number(*it, "offset", inner), number(*it, "kl", inner),       number(*it, "total", inner)};
}

}  // namespace

nlohmann::json epochReportToJson(const EpochReport& r) {
  nlohmann::json json = {{"epoch", r.epoch},
                         {"batches", r.batches},
                         {"train", lossToJson(r.train)},
                         {"learningRate", r.learningRate},
                         {"klWeight", r.klWeight},
                         {"elapsedSeconds", r.elapsedSeconds},
                         {"improved", r.improved}};
  if (r.hasValidation) json["validation"] = lossToJson(r.validation);
  return json;
}

EpochReport epochReportFromJson(const nlohmann::json& json, std::size_t entry) {
  const std::string where = entryName(entry);
  if (!json.is_object()) throw std::invalid_argument(where + ": not a JSON object");
  EpochReport r;
  r.epoch = integer(json, "epoch", 1, where);
  r.batches = integer(json, "batches", 0, where);
  r.train = lossFromJson(json, "train", where);
  r.hasValidation = json.contains("validation");
  if (r.hasValidation) r.validation = lossFromJson(json, "validation", where);
  r.learningRate = number(json, "learningRate", where);
  r.klWeight = number(json, "klWeight", where);
  r.elapsedSeconds = number(json, "elapsedSeconds", where);
  const auto improved = json.find("improved");
  r.improved = improved != json.end() && improved->is_boolean() && improved->get<bool>();
  return r;
}

}  // namespace melodyvae::training
