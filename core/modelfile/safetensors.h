// The safetensors container, float32 only: an 8-byte little-endian header length, a JSON header naming
// each tensor's dtype, shape and byte range, then the raw little-endian tensor bytes.
// Spec: https://github.com/huggingface/safetensors ("Format"). Written by hand over nlohmann-json.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace melodyvae::modelfile {

struct NamedTensor {
  std::string name;
  std::vector<std::int64_t> shape;  // empty = scalar (one value)
  std::vector<float> values;        // row-major, product(shape) values
};

struct SafetensorsContents {
  std::map<std::string, std::string> metadata;  // the header's "__metadata__" (string -> string)
  std::vector<NamedTensor> tensors;             // in the order of their byte offsets
  std::uint32_t dataCrc32 = 0;  // set by decodeSafetensors: CRC-32 of the data section's bytes as read
                                // (encodeSafetensors ignores it; see tensorDataCrc32)
};

// Largest JSON header we accept (the reference implementation's limit) and its deepest nesting.
inline constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;
inline constexpr int kMaxHeaderNesting = 64;

// Deepest bracket nesting of a JSON text, ignoring brackets inside strings; stops counting past `limit`.
// Checked before parsing, so a hostile header cannot exhaust the stack of code that walks the JSON.
int jsonNestingDepth(std::span<const std::uint8_t> text, int limit);

// CRC-32 as in zlib, gzip and PNG (crc32("123456789") = cbf43926), continuing from `crc`.
std::uint32_t crc32Of(std::span<const std::uint8_t> bytes, std::uint32_t crc = 0);

// CRC-32 of the data section encodeSafetensors writes for `tensors`: their float32 little-endian bytes
// back to back, in the given order. Lets a writer put the checksum into the metadata, which comes first.
std::uint32_t tensorDataCrc32(const std::vector<NamedTensor>& tensors);

// Serializes `contents`; tensors are laid out back to back in the given order. Throws ModelFileError
// (labelled `label`) when a tensor's value count does not match its shape or names repeat. Strings that
// are not valid UTF-8 (names, metadata) are written with U+FFFD in place of the bad bytes.
std::vector<std::uint8_t> encodeSafetensors(const SafetensorsContents& contents, const std::string& label);

// Parses and validates a whole container: header length against the size, the JSON, dtype F32, shapes
// against byte ranges, ranges in bounds, not overlapping and covering the data without holes.
// Throws ModelFileError naming `label` (normally the path) and the first problem found.
SafetensorsContents decodeSafetensors(std::span<const std::uint8_t> bytes, const std::string& label);

}  // namespace melodyvae::modelfile
