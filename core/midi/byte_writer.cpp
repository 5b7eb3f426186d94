// Big-endian integers and variable-length quantities for the SMF writer.
#include "core/midi/byte_writer.h"

#include <stdexcept>
#include <string>

#include "core/midi/byte_reader.h"

namespace melodyvae::midi {

void appendU16BE(std::vector<std::uint8_t>& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

void appendU32BE(std::vector<std::uint8_t>& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xFF));
}

void appendVariableLength(std::vector<std::uint8_t>& out, std::uint32_t value) {
  if (value > kMaxVariableLengthValue) {
    throw std::invalid_argument("variable-length quantity " + std::to_string(value) +
                                " exceeds the SMF maximum 0x0FFFFFFF");
  }
  // Groups of 7 bits, most significant first; every byte but the last has its high bit set.
  int groups = 1;
  while (groups < 4 && (value >> (7 * groups)) != 0) ++groups;
  for (int group = groups - 1; group >= 0; --group) {
    const auto bits = static_cast<std::uint8_t>((value >> (7 * group)) & 0x7F);
    out.push_back(group > 0 ? static_cast<std::uint8_t>(bits | 0x80) : bits);
  }
}

void appendChunkId(std::vector<std::uint8_t>& out, std::string_view id) {
  for (const char c : id) out.push_back(static_cast<std::uint8_t>(c));
}

}  // namespace melodyvae::midi
