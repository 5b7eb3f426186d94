// Small Standard MIDI Files for tests, written as readable hex: hex("4D 54 68 64"), and chunk builders
// that fill in the lengths, so that a fixture reads like the file it stands for.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace melodyvae::midi::testing {

// "90 3C 40" -> {0x90, 0x3C, 0x40}; spaces, newlines and '|' are ignored.
inline std::vector<std::uint8_t> hex(std::string_view text) {
  std::vector<std::uint8_t> bytes;
  int pending = -1;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '|') continue;
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (digit < 0) throw std::invalid_argument(std::string("not a hex digit: ") + c);
    if (pending < 0) {
      pending = digit;
    } else {
      bytes.push_back(static_cast<std::uint8_t>(pending * 16 + digit));
      pending = -1;
    }
  }
  if (pending >= 0) throw std::invalid_argument("odd number of hex digits");
  return bytes;
}

// {0x90, 0x3C} -> "90 3C": byte vectors compared as text print readably when a test fails.
inline std::string toHex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text;
  for (const std::uint8_t byte : bytes) {
    if (!text.empty()) text.push_back(' ');
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0x0F]);
  }
  return text;
}

inline void appendBigEndian(std::vector<std::uint8_t>& out, std::uint32_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>((value >> (8 * i)) & 0xFF));
}

// A chunk: 4-character id, big-endian length of `body` (or `length` when given), then `body`.
inline std::vector<std::uint8_t> chunk(std::string_view id, const std::vector<std::uint8_t>& body,
                                       std::int64_t length = -1) {
  std::vector<std::uint8_t> out(id.begin(), id.end());
  appendBigEndian(
      out, length < 0 ? static_cast<std::uint32_t>(body.size()) : static_cast<std::uint32_t>(length), 4);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

// 'MThd' with format, track count and division (0x01E0 = 480 ticks per quarter).
inline std::vector<std::uint8_t> header(std::uint16_t format, std::uint16_t tracks,
                                        std::uint16_t division = 0x01E0) {
  std::vector<std::uint8_t> body;
  appendBigEndian(body, format, 2);
  appendBigEndian(body, tracks, 2);
  appendBigEndian(body, division, 2);
  return chunk("MThd", body);
}

// 'MTrk' around events written in hex.
inline std::vector<std::uint8_t> track(std::string_view events) {
  return chunk("MTrk", hex(events));
}

inline std::vector<std::uint8_t> concat(std::initializer_list<std::vector<std::uint8_t>> parts) {
  std::vector<std::uint8_t> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// A header and its tracks, format 1 (or as given), track count from the list.
inline std::vector<std::uint8_t> smf(std::initializer_list<std::string_view> tracks, std::uint16_t format = 1,
                                     std::uint16_t division = 0x01E0) {
  std::vector<std::uint8_t> out = header(format, static_cast<std::uint16_t>(tracks.size()), division);
  for (const std::string_view events : tracks) {
    const std::vector<std::uint8_t> bytes = track(events);
    out.insert(out.end(), bytes.begin(), bytes.end());
  }
  return out;
}

inline constexpr std::string_view kEndOfTrack = "00 FF 2F 00";

}  // namespace melodyvae::midi::testing
