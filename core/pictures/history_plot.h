// The training history of a model file as an SVG plot: total loss (training and validation), loss by part,
// learning rate and KL weight over the epochs, with the best epoch marked.
#pragma once

#include <span>
#include <string>

#include "core/training/epoch_report.h"

namespace melodyvae::pictures {

// Four panels sharing the epoch axis: total loss per loop (training and validation), loss by part (onset,
// velocity, duration, offset, KL; training solid, validation dashed), learning rate, KL weight. A loss
// panel is logarithmic when its values span more than a factor of 20. Each line is a
// <polyline class="series" data-name="...">; the best epoch (the last one marked improved, else the lowest
// validation loss) is a <line class="best">. Throws std::invalid_argument when `history` is empty.
// `title` (any text; escaped) heads the plot.
std::string historyPlotSvg(std::span<const training::EpochReport> history, const std::string& title);

}  // namespace melodyvae::pictures
