// Little-endian byte order for the model file's integers and floats, on any host byte order.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace melodyvae::modelfile {

inline std::uint64_t readU64LE(const std::uint8_t* bytes) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | bytes[i];
  return value;
}

inline void writeU64LE(std::uint64_t value, std::uint8_t* bytes) {
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

inline float readF32LE(const std::uint8_t* bytes) {
  std::uint32_t bits = 0;
  for (int i = 3; i >= 0; --i) bits = (bits << 8) | bytes[i];
  return std::bit_cast<float>(bits);
}

inline void writeF32LE(float value, std::uint8_t* bytes) {
  const auto bits = std::bit_cast<std::uint32_t>(value);
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(bits >> (8 * i));
}

}  // namespace melodyvae::modelfile
