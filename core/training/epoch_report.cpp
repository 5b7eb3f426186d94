// Epoch reports to and from the JSON kept in the model file's history.
#include "core/training/epoch_report.h"

#include <stdexcept>
#include <string>

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

double number(const nlohmann::json& json, const char* name) {
  const auto it = json.find(name);
  if (it == json.end() || !it->is_number()) {
    throw std::invalid_argument(std::string("training history: '") + name + "' is missing or not a number");
  }
  return it->get<double>();
}

vae::LossParts lossFromJson(const nlohmann::json& json, const char* name) {
  const auto it = json.find(name);
  if (it == json.end() || !it->is_object()) {
    throw std::invalid_argument(std::string("training history: '") + name + "' is missing");
  }
  return {number(*it, "onset"),  number(*it, "velocity"), number(*it, "duration"),
          number(*it, "offset"), number(*it, "kl"),       number(*it, "total")};
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

EpochReport epochReportFromJson(const nlohmann::json& json) {
  if (!json.is_object()) throw std::invalid_argument("training history: an epoch entry is not an object");
  EpochReport r;
  r.epoch = static_cast<int>(number(json, "epoch"));
  r.batches = static_cast<int>(number(json, "batches"));
  r.train = lossFromJson(json, "train");
  r.hasValidation = json.contains("validation");
  if (r.hasValidation) r.validation = lossFromJson(json, "validation");
  r.learningRate = number(json, "learningRate");
  r.klWeight = number(json, "klWeight");
  r.elapsedSeconds = number(json, "elapsedSeconds");
  const auto improved = json.find("improved");
  r.improved = improved != json.end() && improved->is_boolean() && improved->get<bool>();
  return r;
}

}  // namespace melodyvae::training
