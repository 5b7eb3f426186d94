// Rectangles into pixels, pixels into PNG (signature, IHDR, one IDAT, IEND; each chunk with its CRC-32).
#include "core/pictures/raster.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace melodyvae::pictures {
namespace {

constexpr int kLargestSide = 16384;

void appendU32BE(std::vector<std::uint8_t>& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(value >> shift));
}

void appendChunk(std::vector<std::uint8_t>& out, const char (&type)[5],
                 const std::vector<std::uint8_t>& data) {
  appendU32BE(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t typeStart = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  // The CRC covers the chunk type and data, not the length.
  const uLong crc = crc32(0L, out.data() + typeStart, static_cast<uInt>(4 + data.size()));
  appendU32BE(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

Raster::Raster(int width, int height) : width_(width), height_(height) {
  if (width < 1 || height < 1 || width > kLargestSide || height > kLargestSide) {
    throw std::invalid_argument("a picture of " + std::to_string(width) + " x " + std::to_string(height) +
                                " pixels is outside 1..16384 per side");
  }
  pixels_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
}

Rgb Raster::at(int x, int y) const {
  return pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
                 static_cast<std::size_t>(x)];
}

void Raster::fill(int x, int y, int w, int h, Rgb colour, double alpha) {
  const int left = std::max(x, 0), right = std::min(x + w, width_);
  const int top = std::max(y, 0), bottom = std::min(y + h, height_);
  const double a = std::clamp(std::isfinite(alpha) ? alpha : 1.0, 0.0, 1.0);
  const auto mix = [a](std::uint8_t over, std::uint8_t under) {
    return static_cast<std::uint8_t>(std::lround(a * over + (1.0 - a) * under));
  };
  for (int row = top; row < bottom; ++row) {
    Rgb* line = pixels_.data() + static_cast<std::size_t>(row) * static_cast<std::size_t>(width_);
    for (int column = left; column < right; ++column) {
      Rgb& pixel = line[column];
      pixel = {mix(colour.r, pixel.r), mix(colour.g, pixel.g), mix(colour.b, pixel.b)};
    }
  }
}

std::vector<std::uint8_t> encodePng(const Raster& raster) {
  const auto width = static_cast<std::size_t>(raster.width());
  const auto height = static_cast<std::size_t>(raster.height());
  // Scanlines: a filter byte (0 = none) then RGB per pixel.
  std::vector<std::uint8_t> scanlines;
  scanlines.reserve(height * (1 + 3 * width));
  for (std::size_t y = 0; y < height; ++y) {
    scanlines.push_back(0);
    for (std::size_t x = 0; x < width; ++x) {
      const Rgb pixel = raster.at(static_cast<int>(x), static_cast<int>(y));
      scanlines.insert(scanlines.end(), {pixel.r, pixel.g, pixel.b});
    }
  }
  uLongf packedSize = compressBound(static_cast<uLong>(scanlines.size()));
  std::vector<std::uint8_t> packed(packedSize);
  if (compress2(packed.data(), &packedSize, scanlines.data(), static_cast<uLong>(scanlines.size()),
                Z_BEST_COMPRESSION) != Z_OK) {
    throw std::runtime_error("zlib could not compress the picture");
  }
  packed.resize(packedSize);

  std::vector<std::uint8_t> header;
  appendU32BE(header, static_cast<std::uint32_t>(width));
  appendU32BE(header, static_cast<std::uint32_t>(height));
  header.insert(header.end(),
                {8, 2, 0, 0, 0});  // bit depth 8, colour type 2 (RGB), deflate, filters, no interlace

  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  appendChunk(png, "IHDR", header);
  appendChunk(png, "IDAT", packed);
  appendChunk(png, "IEND", {});
  return png;
}

}  // namespace melodyvae::pictures
