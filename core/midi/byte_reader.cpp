// Bounds-checked big-endian reads and variable-length quantities for the SMF reader.
#include "core/midi/byte_reader.h"

#include <algorithm>
#include <utility>

namespace melodyvae::midi {

VariableLength decodeVariableLength(std::span<const std::uint8_t> bytes, std::size_t offset) {
  VariableLength result;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < kMaxVariableLengthBytes; ++i) {
    if (offset + i >= bytes.size()) {
      result.length = i;
      result.status = VariableLengthStatus::kTruncated;
      return result;
    }
    const std::uint8_t byte = bytes[offset + i];
    value = (value << 7) | (byte & 0x7Fu);
    if ((byte & 0x80u) == 0) {
      result.value = value;
      result.length = i + 1;
      return result;
    }
  }
  result.length = kMaxVariableLengthBytes;
  result.status = VariableLengthStatus::kTooLong;
  return result;
}

ByteReader::ByteReader(std::span<const std::uint8_t> bytes, const std::string& fileName)
    : bytes_(bytes), fileName_(fileName), limit_(bytes.size()) {}

void ByteReader::setLimit(std::size_t end) {
  limit_ = std::clamp(end, offset_, bytes_.size());
}

void ByteReader::seek(std::size_t offset) {
  offset_ = std::min(offset, limit_);
}

std::uint8_t ByteReader::peekU8(std::string_view what) const {
  if (offset_ >= limit_) failEndOfData(what);
  return bytes_[offset_];
}

std::uint8_t ByteReader::readU8(std::string_view what) {
  const std::uint8_t byte = peekU8(what);
  ++offset_;
  return byte;
}

std::uint16_t ByteReader::readU16BE(std::string_view what) {
  if (remaining() < 2) failEndOfData(what);
  const auto value = static_cast<std::uint16_t>((bytes_[offset_] << 8) | bytes_[offset_ + 1]);
  offset_ += 2;
  return value;
}

std::uint32_t ByteReader::readU32BE(std::string_view what) {
  if (remaining() < 4) failEndOfData(what);
  const std::uint32_t value = (std::uint32_t{bytes_[offset_]} << 24) |
                              (std::uint32_t{bytes_[offset_ + 1]} << 16) |
                              (std::uint32_t{bytes_[offset_ + 2]} << 8) | std::uint32_t{bytes_[offset_ + 3]};
  offset_ += 4;
  return value;
}

std::uint32_t ByteReader::readVariableLength(std::string_view what) {
  const VariableLength quantity = decodeVariableLength(bytes_.first(limit_), offset_);
  switch (quantity.status) {
    case VariableLengthStatus::kOk:
      offset_ += quantity.length;
      return quantity.value;
    case VariableLengthStatus::kTruncated:
      failEndOfData(what);
    case VariableLengthStatus::kTooLong:
      break;
  }
  fail(offset_, "expected " + std::string(what) +
                    " as a variable-length quantity of at most 4 bytes, found a longer one");
}

std::span<const std::uint8_t> ByteReader::readBytes(std::size_t count, std::string_view what) {
  if (count > remaining()) failEndOfData(what);
  const std::span<const std::uint8_t> view = bytes_.subspan(offset_, count);
  offset_ += count;
  return view;
}

void ByteReader::fail(std::size_t offset, std::string problem) const {
  throw MidiError(fileName_, offset, std::move(problem));
}

void ByteReader::failEndOfData(std::string_view what) const {
  const std::string found = limit_ == bytes_.size()
                                ? "the end of the file"
                                : "the end of the chunk (which ends at byte " + std::to_string(limit_) + ")";
  throw EndOfDataError(fileName_, offset_, "expected " + std::string(what) + ", found " + found);
}

std::string hexByte(std::uint8_t byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string{'0', 'x', kDigits[byte >> 4], kDigits[byte & 0x0F]};
}

}  // namespace melodyvae::midi
