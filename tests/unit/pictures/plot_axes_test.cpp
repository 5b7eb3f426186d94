// Scales and ticks for the plots.
#include "core/pictures/plot_axes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace melodyvae::pictures {
namespace {

TEST(Scale, MapsLinearlyAndLogarithmically) {
  const Scale linear(0, 10, 100, 0, false);  // y grows downwards
  EXPECT_DOUBLE_EQ(linear.pixel(0), 100);
  EXPECT_DOUBLE_EQ(linear.pixel(5), 50);
  const Scale log(1, 100, 0, 200, true);
  EXPECT_NEAR(log.pixel(10), 100, 1e-9);
}

TEST(Scale, LinearTicksAreRoundStepsInsideTheRange) {
  const Scale scale(0.3, 97, 0, 1, false);
  const std::vector<double> ticks = scale.ticks();
  ASSERT_GE(ticks.size(), 3u);
  ASSERT_LE(ticks.size(), 11u);
  for (const double tick : ticks) {
    EXPECT_GE(tick, 0.3);
    EXPECT_LE(tick, 97);
    EXPECT_NEAR(std::fmod(tick, 20.0), 0.0, 1e-9) << tick;
  }
}

TEST(Scale, LogTicksAreDecadesOrOneTwoFive) {
  const std::vector<double> wide = Scale(0.05, 400, 0, 1, true).ticks();
  EXPECT_EQ(wide, (std::vector<double>{0.1, 1, 10, 100}));
  const std::vector<double> narrow = Scale(3, 60, 0, 1, true).ticks();
  EXPECT_EQ(narrow, (std::vector<double>{5, 10, 20, 50}));
}

TEST(Scale, DegenerateRangesStillHaveAnAxis) {
  const Scale flat(5, 5, 0, 100, false);
  EXPECT_LT(flat.low(), flat.high());
  const Scale badLog(-1, 0, 0, 100, true);
  EXPECT_GT(badLog.low(), 0);
  EXPECT_LT(badLog.low(), badLog.high());
}

TEST(PlotRange, IgnoresWhatCannotBeShown) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> values = {-3, 0, 2, 50, inf, std::nan("")};
  const Range log = plotRange(values, true);
  EXPECT_GT(log.low, 1);
  EXPECT_LT(log.low, 2);
  EXPECT_GT(log.high, 50);
  const Range linear = plotRange(values, false);
  EXPECT_LE(linear.low, -3);
  EXPECT_GE(linear.high, 50);
  const std::vector<double> nothing = {std::nan("")};
  EXPECT_EQ(plotRange(nothing, false).low, 0);
  EXPECT_EQ(plotRange(nothing, false).high, 1);
}

TEST(SpansDecades, OnlyForWideRanges) {
  EXPECT_TRUE(spansDecades(std::vector<double>{0.1, 5, 60}));
  EXPECT_FALSE(spansDecades(std::vector<double>{50, 100, 200}));
  EXPECT_FALSE(spansDecades(std::vector<double>{0, -1}));
}

TEST(TickLabel, IsShort) {
  EXPECT_EQ(tickLabel(0.001), "0.001");
  EXPECT_EQ(tickLabel(0.00095), "0.00095");
  EXPECT_EQ(tickLabel(120), "120");
  EXPECT_EQ(tickLabel(2.5e5), "2.5e+05");
  EXPECT_EQ(tickLabel(0), "0");
}

}  // namespace
}  // namespace melodyvae::pictures
