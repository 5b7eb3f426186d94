// The training-history plot: well-formed SVG with every line, the best epoch marked, log scales where the
// losses span decades, and no failure on odd histories (one epoch, values a log scale cannot show).
#include "core/pictures/history_plot.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "tests/support/xml_tree.h"

namespace melodyvae::pictures {
namespace {

std::vector<training::EpochReport> decayingHistory(int epochs, bool validation) {
  std::vector<training::EpochReport> history;
  for (int e = 1; e <= epochs; ++e) {
    training::EpochReport r;
    r.epoch = e;
    r.train = {100.0 / e + 50, 2.0 / e, 1.0 / e, 5.0 / e, 300.0 / e, 0};
    r.train.total = r.train.onset + r.train.velocity + r.train.duration + r.train.offset + r.train.kl;
    r.hasValidation = validation;
    if (validation) {
      r.validation = r.train;
      r.validation.total = 60 + std::fabs(e - 12.0);  // best at epoch 12
    }
    r.learningRate = 1e-3 * std::pow(0.95, (e - 1) / 5);
    r.klWeight = std::min(1.0, (e - 1) / 10.0);
    r.improved = e <= 12;
    history.push_back(r);
  }
  return history;
}

std::set<std::string> seriesNames(const xml_testing::Element& root) {
  std::set<std::string> names;
  for (const xml_testing::Element* line : root.all("polyline", "series"))
    names.insert(line->attribute("data-name"));
  return names;
}

TEST(HistoryPlot, DrawsEveryLineAndMarksTheBestEpoch) {
  const auto history = decayingHistory(40, true);
  const auto root = xml_testing::parseXml(historyPlotSvg(history, "Training <mine>"));
  const std::set<std::string> expected = {"training",      "validation",     "onset",    "onset (val)",
                                          "velocity",      "velocity (val)", "duration", "duration (val)",
                                          "offset",        "offset (val)",   "KL",       "KL (val)",
                                          "learning rate", "KL weight"};
  EXPECT_EQ(seriesNames(*root), expected);
  const auto panels = root->all("g", "panel");
  ASSERT_EQ(panels.size(), 4u);
  const auto best = root->all("line", "best");
  ASSERT_EQ(best.size(), 4u);  // one per panel, all at epoch 12
  for (const xml_testing::Element* line : best) EXPECT_EQ(line->attribute("x1"), best[0]->attribute("x1"));
  EXPECT_EQ(root->all("circle", "best-point").size(), 1u);
  // Epoch 12 lies 11/39 of the way along the axis (epochs 1..40 over pixels 78..730).
  EXPECT_NEAR(std::stod(best[0]->attribute("x1")), 78 + 11.0 / 39.0 * (730 - 78), 0.01);
  // The loss by part spans decades (KL 300 down to velocity 0.05): log scale, said in its title.
  bool logTitle = false;
  for (const xml_testing::Element* title : root->all("text", "panel-title"))
    logTitle = logTitle || title->text.find("log scale") != std::string::npos;
  EXPECT_TRUE(logTitle);
  // Every line has one point per epoch.
  for (const xml_testing::Element* line : root->all("polyline", "series")) {
    const std::string points = line->attribute("points");
    EXPECT_EQ(std::count(points.begin(), points.end(), ' ') + 1, 40) << line->attribute("data-name");
  }
  EXPECT_EQ(root->all("text", "title")[0]->text, "Training <mine>");
  EXPECT_GE(root->all("text", "tick").size(), 12u);
}

TEST(HistoryPlot, WithoutValidationDrawsTrainingOnly) {
  const auto root = xml_testing::parseXml(historyPlotSvg(decayingHistory(5, false), "t"));
  const std::set<std::string> names = seriesNames(*root);
  EXPECT_EQ(names.count("validation"), 0u);
  EXPECT_EQ(names.count("onset (val)"), 0u);
  EXPECT_EQ(names.count("training"), 1u);
}

TEST(HistoryPlot, OneEpochAndUnshowableValuesStillMakeAPlot) {
  auto history = decayingHistory(1, true);
  EXPECT_NO_THROW(xml_testing::parseXml(historyPlotSvg(history, "one")));
  history = decayingHistory(6, true);
  history[2].train.kl = -1;  // impossible, but files say anything
  history[3].validation.total = std::numeric_limits<double>::infinity();
  const auto root = xml_testing::parseXml(historyPlotSvg(history, "odd"));
  EXPECT_EQ(root->all("g", "panel").size(), 4u);
  for (const xml_testing::Element* line : root->all("polyline", "series"))
    EXPECT_EQ(line->attribute("points").find("nan"), std::string::npos);
}

TEST(HistoryPlot, RefusesAnEmptyHistory) {
  EXPECT_THROW(historyPlotSvg({}, "empty"), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::pictures
