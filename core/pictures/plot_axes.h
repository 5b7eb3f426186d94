// Axes for line plots: a linear or logarithmic scale from data values to pixels, and tick values a reader
// can take in at a glance (1, 2, 5 x 10^k steps; decades on a log scale).
#pragma once

#include <span>
#include <string>
#include <vector>

namespace melodyvae::pictures {

class Scale {
 public:
  // Maps [low, high] onto [pixelLow, pixelHigh] (pixelHigh may be smaller: y grows downwards). A log scale
  // needs 0 < low; low == high is widened so that a flat line still has an axis.
  Scale(double low, double high, double pixelLow, double pixelHigh, bool logarithmic);

  double pixel(double value) const;  // values outside the range map outside the pixel range
  bool logarithmic() const { return log_; }
  double low() const { return low_; }
  double high() const { return high_; }
  // Values where ticks go, inside [low, high], ascending.
  std::vector<double> ticks() const;

 private:
  double low_, high_, pixelLow_, pixelHigh_;
  bool log_;
};

// The range that a plot of `values` should show: finite values only (and only positive ones when
// `logarithmic`), padded a little and, on a linear scale, rounded out to tick steps. {0, 1} (or {1, 10}
// on a log scale) when nothing is usable.
struct Range {
  double low, high;
};
Range plotRange(std::span<const double> values, bool logarithmic);

// True when the positive finite values span more than a factor of 20 (a log scale then shows them better).
bool spansDecades(std::span<const double> values);

// A tick label: "0.5", "120", "1e-4", "2.5e+05"; at most 3 significant digits.
std::string tickLabel(double value);

}  // namespace melodyvae::pictures
