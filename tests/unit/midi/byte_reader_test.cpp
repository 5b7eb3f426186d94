// ByteReader and variable-length quantities: boundaries, errors apart from values, bounds checks.
#include "core/midi/byte_reader.h"

#include <gtest/gtest.h>

#include <limits>

#include "core/midi/byte_writer.h"
#include "tests/unit/midi/smf_bytes.h"

namespace melodyvae::midi {
namespace {

using testing::hex;

struct VlqCase {
  const char* bytes;
  std::uint32_t value;
};

// The examples of the SMF specification, plus the boundaries of every length.
const VlqCase kVlqCases[] = {
    {"00", 0x00},
    {"40", 0x40},
    {"7F", 0x7F},
    {"81 00", 0x80},
    {"C0 00", 0x2000},
    {"FF 7F", 0x3FFF},
    {"81 80 00", 0x4000},
    {"C0 80 00", 0x100000},
    {"FF FF 7F", 0x1FFFFF},
    {"81 80 80 00", 0x200000},
    {"C0 80 80 00", 0x8000000},
    {"FF FF FF 7F", 0x0FFFFFFF},
};

TEST(VariableLength, DecodesSpecificationExamples) {
  for (const VlqCase& c : kVlqCases) {
    const std::vector<std::uint8_t> bytes = hex(c.bytes);
    const VariableLength quantity = decodeVariableLength(bytes, 0);
    EXPECT_EQ(quantity.status, VariableLengthStatus::kOk) << c.bytes;
    EXPECT_EQ(quantity.value, c.value) << c.bytes;
    EXPECT_EQ(quantity.length, bytes.size()) << c.bytes;
  }
}

TEST(VariableLength, EncodesToTheSameBytes) {
  for (const VlqCase& c : kVlqCases) {
    std::vector<std::uint8_t> out;
    appendVariableLength(out, c.value);
    EXPECT_EQ(out, hex(c.bytes)) << "value " << c.value;
  }
  std::vector<std::uint8_t> out;
  EXPECT_THROW(appendVariableLength(out, 0x10000000), std::invalid_argument);
}

TEST(VariableLength, RoundTripsEveryLengthBoundary) {
  for (std::uint32_t value : {0u, 1u, 0x7Fu, 0x80u, 0x3FFFu, 0x4000u, 0x1FFFFFu, 0x200000u, 0x0FFFFFFFu}) {
    std::vector<std::uint8_t> bytes;
    appendVariableLength(bytes, value);
    const VariableLength quantity = decodeVariableLength(bytes, 0);
    ASSERT_EQ(quantity.status, VariableLengthStatus::kOk);
    EXPECT_EQ(quantity.value, value);
  }
}

TEST(VariableLength, ReportsTooLongApartFromTheValue) {
  const std::vector<std::uint8_t> bytes = hex("FF FF FF FF 7F");
  const VariableLength quantity = decodeVariableLength(bytes, 0);
  EXPECT_EQ(quantity.status, VariableLengthStatus::kTooLong);
  EXPECT_EQ(quantity.length, 4u);
  // Even 0x80 0x80 0x80 0x80 0x00, which would be 0, is refused: SMF allows four bytes.
  EXPECT_EQ(decodeVariableLength(hex("80 80 80 80 00"), 0).status, VariableLengthStatus::kTooLong);
}

TEST(VariableLength, ReportsTruncationAtTheEndOfData) {
  EXPECT_EQ(decodeVariableLength(hex("81 80"), 0).status, VariableLengthStatus::kTruncated);
  EXPECT_EQ(decodeVariableLength({}, 0).status, VariableLengthStatus::kTruncated);
  EXPECT_EQ(decodeVariableLength(hex("00"), 5).status,
            VariableLengthStatus::kTruncated);  // offset past the end
  const VariableLength atOffset = decodeVariableLength(hex("12 34 81 00"), 2);
  EXPECT_EQ(atOffset.status, VariableLengthStatus::kOk);
  EXPECT_EQ(atOffset.value, 0x80u);
}

TEST(ByteReader, ReadsBigEndianIntegers) {
  const std::vector<std::uint8_t> bytes = hex("12 | 34 56 | 78 9A BC DE | 83 60");
  const std::string name = "fixture.mid";
  ByteReader reader(bytes, name);
  EXPECT_EQ(reader.readU8("a byte"), 0x12);
  EXPECT_EQ(reader.readU16BE("a 16-bit word"), 0x3456);
  EXPECT_EQ(reader.readU32BE("a 32-bit word"), 0x789ABCDEu);
  EXPECT_EQ(reader.offset(), 7u);
  EXPECT_EQ(reader.readVariableLength("a delta time"), 0x1E0u);
  EXPECT_TRUE(reader.atLimit());
}

TEST(ByteReader, ErrorsNameTheFileTheOffsetAndWhatWasExpected) {
  const std::vector<std::uint8_t> bytes = hex("12 34 56");
  const std::string name = "short.mid";
  ByteReader reader(bytes, name);
  reader.readU8("a byte");
  try {
    reader.readU32BE("a chunk length");
    FAIL() << "no error";
  } catch (const EndOfDataError& error) {
    EXPECT_EQ(error.file(), "short.mid");
    EXPECT_EQ(error.byteOffset(), 1u);
    EXPECT_STREQ(error.what(), "'short.mid': byte 1: expected a chunk length, found the end of the file");
  }
  EXPECT_EQ(reader.offset(), 1u) << "a failed read must not move the cursor";
}

TEST(ByteReader, StopsAtTheLimit) {
  const std::vector<std::uint8_t> bytes = hex("01 02 03 04 05 06");
  const std::string name = "limit.mid";
  ByteReader reader(bytes, name);
  reader.setLimit(3);
  EXPECT_EQ(reader.readU16BE("two bytes"), 0x0102);
  EXPECT_THROW(reader.readU16BE("two bytes"), EndOfDataError);
  try {
    reader.readBytes(2, "the event's data");
    FAIL() << "no error";
  } catch (const MidiError& error) {
    EXPECT_NE(std::string(error.what()).find("end of the chunk (which ends at byte 3)"), std::string::npos)
        << error.what();
  }
  reader.setLimit(100);  // clamped to the file
  EXPECT_EQ(reader.limit(), 6u);
}

TEST(ByteReader, RefusesHugeLengthsWithoutAllocating) {
  const std::vector<std::uint8_t> bytes = hex("01 02 03");
  const std::string name = "huge.mid";
  ByteReader reader(bytes, name);
  EXPECT_THROW(reader.readBytes(0xFFFFFFFFu, "sysex data"), EndOfDataError);
  EXPECT_THROW(reader.readBytes(std::numeric_limits<std::size_t>::max(), "sysex data"), EndOfDataError);
  EXPECT_EQ(reader.readBytes(3, "three bytes").size(), 3u);
}

TEST(ByteReader, VariableLengthErrors) {
  const std::string name = "vlq.mid";
  const std::vector<std::uint8_t> tooLong = hex("00 FF FF FF FF 7F");
  ByteReader longReader(tooLong, name);
  longReader.readU8("a byte");
  try {
    longReader.readVariableLength("a delta time");
    FAIL() << "no error";
  } catch (const EndOfDataError&) {
    FAIL() << "too long is not the end of the data";
  } catch (const MidiError& error) {
    EXPECT_EQ(error.byteOffset(), 1u);
    EXPECT_NE(error.problem().find("at most 4 bytes"), std::string::npos) << error.what();
  }
  const std::vector<std::uint8_t> cut = hex("81 80");
  ByteReader cutReader(cut, name);
  EXPECT_THROW(cutReader.readVariableLength("a delta time"), EndOfDataError);
}

TEST(HexByte, FormatsTwoUpperCaseDigits) {
  EXPECT_EQ(hexByte(0x00), "0x00");
  EXPECT_EQ(hexByte(0x9C), "0x9C");
  EXPECT_EQ(hexByte(0xFF), "0xFF");
}

}  // namespace
}  // namespace melodyvae::midi
