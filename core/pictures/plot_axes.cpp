// Scales, ranges and ticks.
#include "core/pictures/plot_axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace melodyvae::pictures {
namespace {

// The 1, 2 or 5 x 10^k step that cuts `span` into about `parts` pieces.
double niceStep(double span, int parts) {
  const double raw = span / parts;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  const double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
  return nice * magnitude;
}

}  // namespace

Scale::Scale(double low, double high, double pixelLow, double pixelHigh, bool logarithmic)
    : low_(low), high_(high), pixelLow_(pixelLow), pixelHigh_(pixelHigh), log_(logarithmic) {
  if (log_ && !(low_ > 0)) low_ = high_ > 0 ? high_ / 10 : 1;
  if (!(high_ > low_)) high_ = log_ ? low_ * 10 : low_ + 1;
}

double Scale::pixel(double value) const {
  const double t = log_ ? (std::log(value) - std::log(low_)) / (std::log(high_) - std::log(low_))
                        : (value - low_) / (high_ - low_);
  return pixelLow_ + t * (pixelHigh_ - pixelLow_);
}

std::vector<double> Scale::ticks() const {
  std::vector<double> ticks;
  const double tolerance = 1e-9 * (high_ - low_);
  if (!log_) {
    const double step = niceStep(high_ - low_, 5);
    for (double k = std::ceil(low_ / step - 1e-9); k * step <= high_ + tolerance; ++k) {
      ticks.push_back(std::fabs(k * step) < step * 1e-9 ? 0.0 : k * step);
    }
    return ticks;
  }
  const int first = static_cast<int>(std::floor(std::log10(low_)));
  const int last = static_cast<int>(std::ceil(std::log10(high_)));
  // Few decades: 1, 2, 5 in each; many: every decade, or every other past 8.
  const bool fine = last - first <= 2;
  const int stride = last - first > 8 ? 2 : 1;
  for (int e = first; e <= last; e += stride) {
    for (const double m : {1.0, 2.0, 5.0}) {
      if (m != 1.0 && !fine) continue;
      const double value = m * std::pow(10.0, e);
      if (value >= low_ * (1 - 1e-9) && value <= high_ * (1 + 1e-9)) ticks.push_back(value);
    }
  }
  return ticks;
}

Range plotRange(std::span<const double> values, bool logarithmic) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const double value : values) {
    if (!std::isfinite(value) || (logarithmic && value <= 0)) continue;
    low = std::min(low, value);
    high = std::max(high, value);
  }
  if (!(low <= high)) return logarithmic ? Range{1, 10} : Range{0, 1};
  if (logarithmic) {
    if (high / low < 1.5) return {low / 1.25, high * 1.25};
    return {low / 1.1, high * 1.1};
  }
  if (high - low < 1e-12 * std::max(1.0, std::fabs(high))) {
    const double pad = std::max(std::fabs(high) * 0.1, 1e-9);
    return {low - pad, high + pad};
  }
  const double step = niceStep(high - low, 5);
  return {std::floor(low / step) * step, std::ceil(high / step) * step};
}

bool spansDecades(std::span<const double> values) {
  double low = std::numeric_limits<double>::infinity(), high = 0;
  for (const double value : values) {
    if (!std::isfinite(value) || value <= 0) continue;
    low = std::min(low, value);
    high = std::max(high, value);
  }
  return high > 0 && high / low > 20;
}

std::string tickLabel(double value) {
  char text[32];
  const double magnitude = std::fabs(value);
  if (value != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
    std::snprintf(text, sizeof text, "%.2g", value);
  } else {
    std::snprintf(text, sizeof text, "%.3g", value);
  }
  return text;
}

}  // namespace melodyvae::pictures
