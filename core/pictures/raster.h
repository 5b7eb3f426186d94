// An RGB picture made of filled rectangles (what the latent map's PNG needs), and its PNG encoding.
#pragma once

#include <cstdint>
#include <vector>

namespace melodyvae::pictures {

struct Rgb {
  std::uint8_t r = 255, g = 255, b = 255;
};

class Raster {
 public:
  // White, `width` x `height` pixels; both 1..16384 (throws std::invalid_argument otherwise).
  Raster(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }
  Rgb at(int x, int y) const;

  // Fills the pixels of [x, x + w) x [y, y + h) that lie inside the picture, mixing `colour` over what
  // is there with `alpha` in [0, 1] (1 = opaque).
  void fill(int x, int y, int w, int h, Rgb colour, double alpha = 1.0);

 private:
  int width_, height_;
  std::vector<Rgb> pixels_;  // [height, width], row-major from the top
};

// The picture as a PNG file (8-bit RGB, no interlace), compressed with zlib.
std::vector<std::uint8_t> encodePng(const Raster& raster);

}  // namespace melodyvae::pictures
