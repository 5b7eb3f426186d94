// Numbers as text for the commands' human-readable output (locale-independent, fixed decimals).
#pragma once

#include <cstdio>
#include <string>

namespace melodyvae::cli {

// `value` with exactly `decimals` digits after the point, e.g. fixedDecimals(3.14159, 2) == "3.14".
inline std::string fixedDecimals(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace melodyvae::cli
