// Reading back the PNG files we write, for the picture tests: checks the signature, every chunk's CRC-32,
// IHDR and the chunk order, and inflates the image data to RGB pixels. Throws std::runtime_error saying
// what is wrong.
#pragma once

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace melodyvae::png_testing {

struct DecodedPng {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // [height, width, 3], filter bytes removed
  std::uint8_t at(std::uint32_t x, std::uint32_t y, int channel) const {
    return rgb[(static_cast<std::size_t>(y) * width + x) * 3 + static_cast<std::size_t>(channel)];
  }
};

inline std::uint32_t readU32BE(const std::vector<std::uint8_t>& bytes, std::size_t at) {
  if (at + 4 > bytes.size()) throw std::runtime_error("PNG truncated at byte " + std::to_string(at));
  return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) |
         (std::uint32_t{bytes[at + 2]} << 8) | std::uint32_t{bytes[at + 3]};
}

// Only what our writer produces is accepted: 8-bit RGB, no interlace, filter type 0 on every line.
inline DecodedPng decodePng(const std::vector<std::uint8_t>& bytes) {
  static const std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (bytes.size() < 8 || !std::equal(kSignature, kSignature + 8, bytes.begin()))
    throw std::runtime_error("no PNG signature");
  DecodedPng png;
  std::vector<std::uint8_t> packed;
  std::vector<std::string> order;
  for (std::size_t at = 8; at < bytes.size();) {
    const std::uint32_t length = readU32BE(bytes, at);
    if (at + 12 + length > bytes.size()) throw std::runtime_error("chunk runs past the end");
    const std::string type(bytes.begin() + static_cast<std::ptrdiff_t>(at + 4),
                           bytes.begin() + static_cast<std::ptrdiff_t>(at + 8));
    const uLong crc = crc32(0L, bytes.data() + at + 4, 4 + length);
    if (readU32BE(bytes, at + 8 + length) != static_cast<std::uint32_t>(crc))
      throw std::runtime_error("CRC mismatch in chunk " + type);
    const std::size_t data = at + 8;
    if (type == "IHDR") {
      if (length != 13) throw std::runtime_error("IHDR is not 13 bytes");
      png.width = readU32BE(bytes, data);
      png.height = readU32BE(bytes, data + 4);
      if (bytes[data + 8] != 8 || bytes[data + 9] != 2 || bytes[data + 12] != 0)
        throw std::runtime_error("not 8-bit RGB without interlace");
    } else if (type == "IDAT") {
      packed.insert(packed.end(), bytes.begin() + static_cast<std::ptrdiff_t>(data),
                    bytes.begin() + static_cast<std::ptrdiff_t>(data + length));
    }
    order.push_back(type);
    at += 12 + length;
  }
  if (order.size() < 3 || order.front() != "IHDR" || order.back() != "IEND")
    throw std::runtime_error("chunks are not IHDR ... IEND");
  const std::size_t stride = 1 + 3 * static_cast<std::size_t>(png.width);
  std::vector<std::uint8_t> lines(stride * png.height);
  uLongf size = static_cast<uLongf>(lines.size());
  if (uncompress(lines.data(), &size, packed.data(), static_cast<uLong>(packed.size())) != Z_OK ||
      size != lines.size())
    throw std::runtime_error("image data does not inflate to width x height pixels");
  for (std::uint32_t y = 0; y < png.height; ++y) {
    if (lines[y * stride] != 0) throw std::runtime_error("a scanline uses a filter");
    png.rgb.insert(png.rgb.end(), lines.begin() + static_cast<std::ptrdiff_t>(y * stride + 1),
                   lines.begin() + static_cast<std::ptrdiff_t>((y + 1) * stride));
  }
  return png;
}

}  // namespace melodyvae::png_testing
