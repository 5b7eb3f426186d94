// Drawing the training history: panels, axes with tick values, lines, legend and the best-epoch marker.
#include "core/pictures/history_plot.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <vector>

#include "core/pictures/plot_axes.h"
#include "core/pictures/svg_writer.h"

namespace melodyvae::pictures {
namespace {

using training::EpochReport;
using Value = std::function<double(const EpochReport&)>;

constexpr double kWidth = 900;
constexpr double kLeft = 78, kRight = 170;  // tick labels left, legend right
constexpr double kPanelGap = 46;

struct Series {
  std::string name;
  std::string colour;
  bool dashed;
  Value value;
};

struct Panel {
  std::string title;
  double height;
  std::vector<Series> series;
  bool allowLog;
};

std::string positionOf(const Scale& x, const Scale& y, double epoch, double value) {
  return svgNumber(x.pixel(epoch)) + "," + svgNumber(y.pixel(value));
}

// The best epoch: the last one the trainer marked improved; without marks, the lowest validation (or
// training) total.
const EpochReport& bestEpoch(std::span<const EpochReport> history) {
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->improved) return *it;
  }
  const auto monitored = [](const EpochReport& r) {
    return r.hasValidation ? r.validation.total : r.train.total;
  };
  return *std::min_element(history.begin(), history.end(),
                           [&](const auto& a, const auto& b) { return monitored(a) < monitored(b); });
}

void drawSeries(SvgWriter& svg, const Series& series, std::span<const EpochReport> history, const Scale& x,
                const Scale& y) {
  // A value the scale cannot show (not finite, or not positive on a log scale) breaks the line there.
  std::vector<std::string> runs(1);
  std::vector<std::pair<double, double>> points;
  for (const EpochReport& report : history) {
    const double value = series.value(report);
    if (!std::isfinite(value) || (y.logarithmic() && value <= 0)) {
      if (!runs.back().empty()) runs.emplace_back();
      continue;
    }
    if (!runs.back().empty()) runs.back() += ' ';
    runs.back() += positionOf(x, y, report.epoch, value);
    points.emplace_back(report.epoch, value);
  }
  svg.open("g", {{"class", "series-group"}, {"data-name", series.name}});
  for (const std::string& run : runs) {
    if (run.empty()) continue;
    Attributes attributes = {{"class", "series"},
                             {"data-name", series.name},
                             {"points", run},
                             {"fill", "none"},
                             {"stroke", series.colour},
                             {"stroke-width", 1.6},
                             {"stroke-linejoin", "round"}};
    if (series.dashed) attributes.emplace_back("stroke-dasharray", "5 3");
    svg.element("polyline", attributes);
  }
  if (history.size() <= 30) {  // few epochs: dots show each one (a single epoch has no line at all)
    for (const auto& [epoch, value] : points) {
      svg.element("circle",
                  {{"cx", x.pixel(epoch)}, {"cy", y.pixel(value)}, {"r", 2.2}, {"fill", series.colour}});
    }
  }
  svg.close();
}

void drawAxes(SvgWriter& svg, const Scale& x, const Scale& y, double top, double bottom, bool epochLabels) {
  const double left = x.pixel(x.low()), right = x.pixel(x.high());
  for (const double tick : y.ticks()) {
    const double py = y.pixel(tick);
    svg.element("line", {{"x1", left}, {"y1", py}, {"x2", right}, {"y2", py}, {"stroke", "#e6e6e6"}});
    svg.text("text",
             {{"class", "tick"}, {"x", left - 6}, {"y", py + 4}, {"font-size", 11}, {"text-anchor", "end"}},
             tickLabel(tick));
  }
  for (const double tick : x.ticks()) {
    if (std::fabs(tick - std::round(tick)) > 1e-9) continue;  // whole epochs only
    const double px = x.pixel(tick);
    svg.element("line", {{"x1", px}, {"y1", top}, {"x2", px}, {"y2", bottom}, {"stroke", "#f0f0f0"}});
    if (epochLabels) {
      svg.text(
          "text",
          {{"class", "tick"}, {"x", px}, {"y", bottom + 15}, {"font-size", 11}, {"text-anchor", "middle"}},
          tickLabel(tick));
    }
  }
  svg.element("rect", {{"x", left},
                       {"y", top},
                       {"width", right - left},
                       {"height", bottom - top},
                       {"fill", "none"},
                       {"stroke", "#888"}});
}

void drawLegend(SvgWriter& svg, const std::vector<Series>& series, double x, double top) {
  double y = top + 8;
  for (const Series& s : series) {
    Attributes line = {{"x1", x},          {"y1", y}, {"x2", x + 24}, {"y2", y}, {"stroke", s.colour},
                       {"stroke-width", 2}};
    if (s.dashed) line.emplace_back("stroke-dasharray", "5 3");
    svg.element("line", line);
    svg.text("text", {{"class", "legend"}, {"x", x + 30}, {"y", y + 4}, {"font-size", 11}}, s.name);
    y += 16;
  }
}

std::vector<Panel> panelsFor(bool validation) {
  struct Part {
    const char* name;
    const char* colour;
    double vae::LossParts::*member;
  };
  const Part parts[] = {{"onset", "#1f77b4", &vae::LossParts::onset},
                        {"velocity", "#ff7f0e", &vae::LossParts::velocity},
                        {"duration", "#2ca02c", &vae::LossParts::duration},
                        {"offset", "#9467bd", &vae::LossParts::offset},
                        {"KL", "#d62728", &vae::LossParts::kl}};
  Panel total{"loss per loop", 250, {}, true};
  total.series.push_back({"training", "#1f77b4", false, [](const EpochReport& r) { return r.train.total; }});
  if (validation) {
    total.series.push_back(
        {"validation", "#d62728", false, [](const EpochReport& r) { return r.validation.total; }});
  }
  Panel byPart{std::string("loss by part (KL unweighted") + (validation ? "; validation dashed)" : ")"),
               250,
               {},
               true};
  for (const Part& part : parts) {
    const auto member = part.member;
    byPart.series.push_back({std::string(part.name), part.colour, false,
                             [member](const EpochReport& r) { return r.train.*member; }});
    if (validation) {
      byPart.series.push_back({std::string(part.name) + " (val)", part.colour, true,
                               [member](const EpochReport& r) { return r.validation.*member; }});
    }
  }
  Panel rate{"learning rate",
             100,
             {{"learning rate", "#444", false, [](const EpochReport& r) { return r.learningRate; }}},
             false};
  Panel kl{"KL weight",
           100,
           {{"KL weight", "#d62728", false, [](const EpochReport& r) { return r.klWeight; }}},
           false};
  return {total, byPart, rate, kl};
}

}  // namespace

std::string historyPlotSvg(std::span<const EpochReport> history, const std::string& title) {
  if (history.empty()) throw std::invalid_argument("the training history is empty: there is nothing to plot");
  const bool validation =
      std::any_of(history.begin(), history.end(), [](const auto& r) { return r.hasValidation; });
  const std::vector<Panel> panels = panelsFor(validation);
  double height = 84;
  for (const Panel& panel : panels) height += panel.height + kPanelGap;
  height += 10;

  SvgWriter svg(kWidth, height);
  const EpochReport& best = bestEpoch(history);
  svg.text("text", {{"class", "title"}, {"x", kLeft}, {"y", 24}, {"font-size", 15}, {"font-weight", "bold"}},
           title);
  const std::string bestText = best.hasValidation ? "validation loss " + svgNumber(best.validation.total, 2)
                                                  : "training loss " + svgNumber(best.train.total, 2);
  svg.text("text", {{"x", kLeft}, {"y", 44}, {"font-size", 12}, {"fill", "#444"}},
           std::to_string(history.size()) + (history.size() == 1 ? " epoch" : " epochs") + "; best epoch " +
               std::to_string(best.epoch) + ": " + bestText + " (dotted line)");

  const double firstEpoch = history.front().epoch, lastEpoch = history.back().epoch;
  const Scale x(firstEpoch, std::max(lastEpoch, firstEpoch + 1), kLeft, kWidth - kRight, false);
  double top = 84;
  for (std::size_t p = 0; p < panels.size(); ++p) {
    const Panel& panel = panels[p];
    const double bottom = top + panel.height;
    std::vector<double> values;
    for (const Series& series : panel.series) {
      for (const EpochReport& report : history) values.push_back(series.value(report));
    }
    const bool logarithmic = panel.allowLog && spansDecades(values);
    const Range range = plotRange(values, logarithmic);
    const Scale y(range.low, range.high, bottom, top, logarithmic);
    svg.open("g", {{"class", "panel"}, {"data-name", panel.title}});
    svg.text("text", {{"class", "panel-title"}, {"x", kLeft}, {"y", top - 8}, {"font-size", 13}},
             panel.title + (logarithmic ? " (log scale)" : ""));
    const bool last = p + 1 == panels.size();
    drawAxes(svg, x, y, top, bottom, last);
    const double bestX = x.pixel(best.epoch);
    svg.element("line", {{"class", "best"},
                         {"x1", bestX},
                         {"y1", top},
                         {"x2", bestX},
                         {"y2", bottom},
                         {"stroke", "#2a2a2a"},
                         {"stroke-dasharray", "2 3"}});
    for (const Series& series : panel.series) drawSeries(svg, series, history, x, y);
    if (p == 0) {  // the best epoch's point and its number, where the eye starts
      const double value = best.hasValidation ? best.validation.total : best.train.total;
      if (std::isfinite(value) && (!logarithmic || value > 0)) {
        svg.element("circle", {{"class", "best-point"},
                               {"cx", bestX},
                               {"cy", y.pixel(value)},
                               {"r", 5},
                               {"fill", "none"},
                               {"stroke", "#2a2a2a"},
                               {"stroke-width", 1.5}});
      }
      const bool nearRight = bestX > (kLeft + kWidth - kRight) / 2;
      svg.text("text",
               {{"x", bestX + (nearRight ? -6 : 6)},
                {"y", top + 14},
                {"font-size", 11},
                {"text-anchor", nearRight ? "end" : "start"},
                {"fill", "#2a2a2a"}},
               "best: epoch " + std::to_string(best.epoch));
    }
    drawLegend(svg, panel.series, kWidth - kRight + 14, top);
    svg.close();
    top = bottom + kPanelGap;
  }
  svg.text("text",
           {{"x", (kLeft + kWidth - kRight) / 2},
            {"y", top - kPanelGap + 34},
            {"font-size", 12},
            {"text-anchor", "middle"}},
           "epoch");
  return svg.finish();
}

}  // namespace melodyvae::pictures
