// The safetensors container: round trip, and every kind of damage refused with a ModelFileError.
#include "core/modelfile/safetensors.h"

#include <gtest/gtest.h>

#include <string>

#include "core/modelfile/little_endian.h"
#include "core/modelfile/model_file_error.h"

namespace melodyvae::modelfile {
namespace {

SafetensorsContents sample() {
  SafetensorsContents contents;
  contents.metadata = {{"format", "test"}, {"note", "a \"quoted\" value"}};
  contents.tensors.push_back({"a.weight", {2, 3}, {1, -2, 3.5f, 0, 1e-30f, -7}});
  contents.tensors.push_back({"a.bias", {2}, {0.25f, -0.5f}});
  contents.tensors.push_back({"scalar", {}, {42}});
  return contents;
}

// Builds a container from a hand-written header and `dataBytes` zero bytes of data.
std::vector<std::uint8_t> container(const std::string& header, std::size_t dataBytes) {
  std::vector<std::uint8_t> bytes(8 + header.size() + dataBytes, 0);
  writeU64LE(header.size(), bytes.data());
  std::copy(header.begin(), header.end(), bytes.begin() + 8);
  return bytes;
}

// Expects decodeSafetensors to throw a ModelFileError whose text contains `expected`.
void expectRefused(const std::vector<std::uint8_t>& bytes, const std::string& expected) {
  try {
    decodeSafetensors(bytes, "damaged.safetensors");
    FAIL() << "accepted a damaged container; expected an error containing '" << expected << "'";
  } catch (const ModelFileError& error) {
    EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("damaged.safetensors"), std::string::npos) << error.what();
  }
}

TEST(Safetensors, RoundTripKeepsNamesShapesValuesAndMetadata) {
  const SafetensorsContents original = sample();
  const std::vector<std::uint8_t> bytes = encodeSafetensors(original, "x");
  EXPECT_EQ(readU64LE(bytes.data()) % 8, 0u) << "header padded to keep the data 8-byte aligned";
  const SafetensorsContents decoded = decodeSafetensors(bytes, "x");
  EXPECT_EQ(decoded.metadata, original.metadata);
  ASSERT_EQ(decoded.tensors.size(), original.tensors.size());
  for (std::size_t i = 0; i < original.tensors.size(); ++i) {
    EXPECT_EQ(decoded.tensors[i].name, original.tensors[i].name);
    EXPECT_EQ(decoded.tensors[i].shape, original.tensors[i].shape);
    EXPECT_EQ(decoded.tensors[i].values, original.tensors[i].values);
  }
}

TEST(Safetensors, DataIsLittleEndianFloat32) {
  SafetensorsContents contents;
  contents.tensors.push_back({"t", {1}, {1.0f}});
  const std::vector<std::uint8_t> bytes = encodeSafetensors(contents, "x");
  // 1.0f = 0x3F800000, stored low byte first at the end of the file.
  const std::vector<std::uint8_t> tail(bytes.end() - 4, bytes.end());
  EXPECT_EQ(tail, (std::vector<std::uint8_t>{0x00, 0x00, 0x80, 0x3F}));
}

TEST(Safetensors, EveryTruncationIsRefused) {
  const std::vector<std::uint8_t> bytes = encodeSafetensors(sample(), "x");
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
    EXPECT_THROW(decodeSafetensors(cut, "cut"), ModelFileError) << "truncated to " << length << " bytes";
  }
}

TEST(Safetensors, FlippedHeaderBytesNeverCrash) {
  const std::vector<std::uint8_t> bytes = encodeSafetensors(sample(), "x");
  const std::size_t headerEnd = 8 + readU64LE(bytes.data());
  int refused = 0;
  for (std::size_t i = 0; i < headerEnd; ++i) {
    for (const int mask : {0x01, 0x20, 0x80, 0xFF}) {
      std::vector<std::uint8_t> damaged = bytes;
      damaged[i] = static_cast<std::uint8_t>(damaged[i] ^ mask);
      try {
        decodeSafetensors(damaged, "flipped");
      } catch (const ModelFileError&) {
        ++refused;
      }
    }
  }
  // Some flips land in names or padding and still give a valid container; most must be refused.
  EXPECT_GT(refused, static_cast<int>(headerEnd) * 2);
}

TEST(Safetensors, RefusesHeaderLengthBeyondTheFile) {
  std::vector<std::uint8_t> bytes = encodeSafetensors(sample(), "x");
  writeU64LE(bytes.size(), bytes.data());
  expectRefused(bytes, "truncated");
  writeU64LE(std::uint64_t{1} << 60, bytes.data());
  expectRefused(bytes, "header length");
}

TEST(Safetensors, RefusesInvalidJson) {
  expectRefused(container("{\"a\": [1, 2", 0), "not valid JSON");
  expectRefused(container("[1, 2]  ", 0), "does not start with '{'");
}

TEST(Safetensors, RefusesDeepNesting) {
  expectRefused(container("{\"a\":" + std::string(1000, '[') + std::string(1000, ']') + "}", 0),
                "nests deeper");
}

TEST(Safetensors, RefusesOtherDtypes) {
  expectRefused(container(R"({"t":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}})", 4), "dtype is F16");
}

TEST(Safetensors, RefusesShapeThatDoesNotMatchTheByteRange) {
  expectRefused(container(R"({"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8),
                "shape [3] needs 12 bytes");
  expectRefused(container(R"({"t":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4),
                "non-negative integers");
  expectRefused(container(R"({"t":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}})", 4),
                "needs more bytes");
}

TEST(Safetensors, RefusesOffsetsOutOfBoundsOverlappingOrWithHoles) {
  expectRefused(container(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 4), "past the end");
  expectRefused(container(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", 8), "end before");
  expectRefused(container(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                          R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                          12),
                "overlap");
  expectRefused(container(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", 8),
                "belong to no tensor");
  expectRefused(container(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", 8), "extra bytes");
}

TEST(Safetensors, RefusesMalformedEntriesAndMetadata) {
  expectRefused(container(R"({"t":5})", 0), "not a JSON object");
  expectRefused(container(R"({"t":{"dtype":"F32","shape":[1]}})", 4), "data_offsets");
  expectRefused(container(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}})", 4),
                "unknown header field");
  expectRefused(container(R"({"__metadata__":{"k":1}})", 0), "not a string");
  expectRefused(container(R"({"__metadata__":[]})", 0), "not a JSON object");
}

TEST(Safetensors, Crc32IsZlibsInAnyPieces) {
  const std::string check = "123456789";
  const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(check.data()),
                                            check.size());
  EXPECT_EQ(crc32Of(bytes), 0xCBF43926u);  // the CRC-32 check value (zlib, gzip, PNG)
  EXPECT_EQ(crc32Of(bytes.subspan(4), crc32Of(bytes.first(4))), 0xCBF43926u);
  EXPECT_EQ(crc32Of({}), 0u);
}

TEST(Safetensors, DecodeGivesTheCrc32OfTheDataSectionTheEncoderPredicts) {
  SafetensorsContents contents = sample();
  NamedTensor big{"big", {3, 5000}, std::vector<float>(15000)};  // more than one of the encoder's chunks
  for (std::size_t i = 0; i < big.values.size(); ++i) big.values[i] = 0.001f * static_cast<float>(i) - 3.0f;
  contents.tensors.push_back(std::move(big));
  const std::vector<std::uint8_t> bytes = encodeSafetensors(contents, "x");
  const std::size_t dataBegin = 8 + readU64LE(bytes.data());
  const std::uint32_t expected = crc32Of({bytes.data() + dataBegin, bytes.size() - dataBegin});
  EXPECT_EQ(tensorDataCrc32(contents.tensors), expected);
  EXPECT_EQ(decodeSafetensors(bytes, "x").dataCrc32, expected);
  EXPECT_EQ(tensorDataCrc32({}), 0u);
}

TEST(Safetensors, EncodeWritesStringsThatAreNotUtf8WithReplacementCharacters) {
  SafetensorsContents contents = sample();
  contents.metadata["path"] = "caf\xE9";
  SafetensorsContents decoded;
  ASSERT_NO_THROW(decoded = decodeSafetensors(encodeSafetensors(contents, "x"), "x"));
  EXPECT_EQ(decoded.metadata.at("path"), "caf\xEF\xBF\xBD");
}

TEST(Safetensors, EncodeRefusesInconsistentTensors) {
  SafetensorsContents contents;
  contents.tensors.push_back({"t", {2, 2}, {1, 2, 3}});
  EXPECT_THROW(encodeSafetensors(contents, "x"), ModelFileError);
  contents.tensors = {{"t", {1}, {1}}, {"t", {1}, {2}}};
  EXPECT_THROW(encodeSafetensors(contents, "x"), ModelFileError);
}

}  // namespace
}  // namespace melodyvae::modelfile
