// Epoch reports from a model file's history: a round trip, and numbers that do not fit refused by name
// instead of being cast (1e300 used to come back as epoch -2147483648).
#include "core/training/epoch_report.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <stdexcept>
#include <string>

namespace melodyvae::training {
namespace {

EpochReport sampleReport() {
  EpochReport report;
  report.epoch = 7;
  report.batches = 12;
  report.train = {1.5, 0.25, 0.125, 0.0625, 3.0, 4.9375};
  report.validation = {1.0, 0.5, 0.25, 0.125, 2.0, 3.875};
  report.hasValidation = true;
  report.learningRate = 9.5e-4;
  report.klWeight = 0.7;
  report.elapsedSeconds = 12.25;
  report.improved = true;
  return report;
}

// Expects epochReportFromJson to throw std::invalid_argument whose text contains every part of `expected`.
void expectRefused(const nlohmann::json& entry, std::size_t position,
                   std::initializer_list<std::string> expected) {
  try {
    const EpochReport report = epochReportFromJson(entry, position);
    FAIL() << "accepted " << entry.dump() << " as epoch " << report.epoch << ", batches " << report.batches;
  } catch (const std::invalid_argument& error) {
    for (const std::string& part : expected) {
      EXPECT_NE(std::string(error.what()).find(part), std::string::npos) << error.what();
    }
  }
}

TEST(EpochReportJson, RoundTripKeepsEveryField) {
  const EpochReport original = sampleReport();
  const EpochReport back = epochReportFromJson(epochReportToJson(original));
  EXPECT_EQ(back.epoch, 7);
  EXPECT_EQ(back.batches, 12);
  EXPECT_DOUBLE_EQ(back.train.total, original.train.total);
  EXPECT_DOUBLE_EQ(back.validation.kl, original.validation.kl);
  EXPECT_TRUE(back.hasValidation);
  EXPECT_DOUBLE_EQ(back.learningRate, original.learningRate);
  EXPECT_DOUBLE_EQ(back.klWeight, original.klWeight);
  EXPECT_DOUBLE_EQ(back.elapsedSeconds, original.elapsedSeconds);
  EXPECT_TRUE(back.improved);
}

TEST(EpochReportJson, AcceptsIntegersWrittenAsWholeDoubles) {
  nlohmann::json entry = epochReportToJson(sampleReport());
  entry["epoch"] = 3.0;
  entry["batches"] = 0;
  const EpochReport report = epochReportFromJson(entry);
  EXPECT_EQ(report.epoch, 3);
  EXPECT_EQ(report.batches, 0);
  entry["epoch"] = 2147483647.0;
  EXPECT_EQ(epochReportFromJson(entry).epoch, 2147483647);
}

TEST(EpochReportJson, RefusesEpochAndBatchesThatAreNotIntegersInRange) {
  // As a model file's JSON would hold them.
  const nlohmann::json bad = nlohmann::json::parse(
      R"([1e300, -1e300, -1, 0, 2.5, 2147483648.0, 2147483648, 18446744073709551615, "NaN", "nan", "inf",
          "7", null, true, []])");
  for (const nlohmann::json& value : bad) {
    nlohmann::json entry = epochReportToJson(sampleReport());
    entry["epoch"] = value;
    expectRefused(entry, 4,
                  {"training history entry 4: 'epoch' is " + value.dump(), "not an integer in 1.."});
  }
  for (const nlohmann::json& value : {nlohmann::json(-1), nlohmann::json(1e300), nlohmann::json(0.5)}) {
    nlohmann::json entry = epochReportToJson(sampleReport());
    entry["batches"] = value;
    expectRefused(entry, 2,
                  {"training history entry 2: 'batches' is " + value.dump(), "not an integer in 0.."});
  }
}

TEST(EpochReportJson, RefusesMissingOrNonNumericFieldsByName) {
  nlohmann::json entry = epochReportToJson(sampleReport());
  entry.erase("epoch");
  expectRefused(entry, 1, {"training history entry 1: 'epoch' is missing"});
  entry = epochReportToJson(sampleReport());
  entry["learningRate"] = "NaN";
  expectRefused(entry, 5, {"training history entry 5: 'learningRate' is \"NaN\", not a number"});
  entry = epochReportToJson(sampleReport());
  entry["validation"]["kl"] = "Infinity";
  expectRefused(entry, 6, {"training history entry 6, 'validation': 'kl' is \"Infinity\", not a number"});
  expectRefused(nlohmann::json::array(), 0, {"training history: not a JSON object"});
}

}  // namespace
}  // namespace melodyvae::training
