// Bounds-checked big-endian reading over a byte span, for the Standard MIDI File reader. Every read names
// what it expected, so that running out of data or a bad quantity becomes a MidiError with the offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/midi/midi_error.h"

namespace melodyvae::midi {

// Thrown when a read needs bytes beyond the current limit (the end of the file or of the chunk being
// read). A MidiError like any other; the track reader catches it to tolerate a file cut short.
class EndOfDataError : public MidiError {
 public:
  using MidiError::MidiError;
};

// A variable-length quantity: 7 bits per byte, most significant first, high bit set on every byte but
// the last. SMF allows at most 4 bytes, so the largest value is 0x0FFFFFFF.
inline constexpr std::size_t kMaxVariableLengthBytes = 4;
inline constexpr std::uint32_t kMaxVariableLengthValue = 0x0FFFFFFF;

enum class VariableLengthStatus : std::uint8_t {
  kOk,
  kTruncated,  // the data ended while the high bit still asked for another byte
  kTooLong,    // the 4th byte still had its high bit set
};

struct VariableLength {
  std::uint32_t value = 0;  // meaningful only when status == kOk
  std::size_t length = 0;   // bytes consumed when kOk; bytes examined otherwise
  VariableLengthStatus status = VariableLengthStatus::kOk;
};

// Decodes the quantity starting at bytes[offset]; never reads outside `bytes`, never throws.
VariableLength decodeVariableLength(std::span<const std::uint8_t> bytes, std::size_t offset);

// A cursor over the whole file. Offsets are absolute (from the start of the file) so that errors can
// point into it; reads stop at `limit()`, which the chunk reader sets to the end of the current chunk.
class ByteReader {
 public:
  ByteReader(std::span<const std::uint8_t> bytes, const std::string& fileName);

  std::size_t offset() const { return offset_; }
  std::size_t limit() const { return limit_; }
  std::size_t size() const { return bytes_.size(); }
  std::size_t remaining() const { return limit_ - offset_; }
  bool atLimit() const { return offset_ == limit_; }
  const std::string& fileName() const { return fileName_; }

  // Reads may not go past `end` (clamped to the file size; never before the current offset).
  void setLimit(std::size_t end);
  // Moves to `offset` (clamped to [0, limit]).
  void seek(std::size_t offset);

  // `what` names the expected item in error messages ("expected <what>, found end of file").
  std::uint8_t peekU8(std::string_view what) const;
  std::uint8_t readU8(std::string_view what);
  std::uint16_t readU16BE(std::string_view what);
  std::uint32_t readU32BE(std::string_view what);
  // Throws EndOfDataError when cut short, MidiError when longer than 4 bytes.
  std::uint32_t readVariableLength(std::string_view what);
  // A view into the file (no copy, no allocation); throws EndOfDataError when fewer bytes remain.
  std::span<const std::uint8_t> readBytes(std::size_t count, std::string_view what);

  // Throws MidiError at `offset` with `problem` as the explanation.
  [[noreturn]] void fail(std::size_t offset, std::string problem) const;

 private:
  [[noreturn]] void failEndOfData(std::string_view what) const;

  std::span<const std::uint8_t> bytes_;
  std::string fileName_;
  std::size_t offset_ = 0;
  std::size_t limit_ = 0;
};

// "0x9C" for error messages.
std::string hexByte(std::uint8_t byte);

}  // namespace melodyvae::midi
