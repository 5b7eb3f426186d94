// Big-endian integers and variable-length quantities appended to a byte vector, for the SMF writer.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace melodyvae::midi {

void appendU16BE(std::vector<std::uint8_t>& out, std::uint16_t value);
void appendU32BE(std::vector<std::uint8_t>& out, std::uint32_t value);
// 1 to 4 bytes; `value` must be <= kMaxVariableLengthValue (0x0FFFFFFF), else std::invalid_argument.
void appendVariableLength(std::vector<std::uint8_t>& out, std::uint32_t value);
// Four ASCII characters such as "MTrk".
void appendChunkId(std::vector<std::uint8_t>& out, std::string_view id);

}  // namespace melodyvae::midi
