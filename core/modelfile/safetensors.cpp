// Writing and strictly validating safetensors containers (float32 tensors, string metadata).
#include "core/modelfile/safetensors.h"

#include <algorithm>
#include <array>
#include <limits>
#include <set>

#include <zlib.h>
#include <nlohmann/json.hpp>

#include "core/modelfile/little_endian.h"
#include "core/modelfile/model_file_error.h"

namespace melodyvae::modelfile {
namespace {

using Json = nlohmann::json;

constexpr char kMetadataKey[] = "__metadata__";

// Number of values a shape holds, or nullopt-like max() when it overflows `limit`.
std::uint64_t valueCount(const std::vector<std::int64_t>& shape, std::uint64_t limit) {
  std::uint64_t count = 1;
  for (const std::int64_t dim : shape) {
    const auto d = static_cast<std::uint64_t>(dim);
    if (d != 0 && count > limit / d) return std::numeric_limits<std::uint64_t>::max();
    count *= d;
  }
  return count;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

struct TensorEntry {
  std::string name;
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0;  // bytes from the start of the data section
  std::uint64_t end = 0;
};

TensorEntry parseTensorEntry(const std::string& name, const Json& entry, std::uint64_t dataBytes,
                             const std::string& label) {
  const auto fail = [&](const std::string& problem) {
    throw ModelFileError(label, "tensor '" + name + "': " + problem);
  };
  if (!entry.is_object()) fail("its header entry is not a JSON object");
  for (const auto& [key, value] : entry.items()) {
    if (key != "dtype" && key != "shape" && key != "data_offsets") fail("unknown header field '" + key + "'");
  }
  if (!entry.contains("dtype") || !entry["dtype"].is_string())
    fail("no \"dtype\" string in its header entry");
  const std::string dtype = entry["dtype"].get<std::string>();
  if (dtype != "F32")
    fail("dtype is " + dtype + ", but MelodyVAE model files hold F32 (float32) tensors only");

  TensorEntry parsed;
  parsed.name = name;
  if (!entry.contains("shape") || !entry["shape"].is_array()) fail("no \"shape\" array in its header entry");
  for (const Json& dim : entry["shape"]) {
    if (!dim.is_number_unsigned() || dim.get<std::uint64_t>() > (std::uint64_t{1} << 40)) {
      fail("shape " + entry["shape"].dump() + " is not a list of non-negative integers");
    }
    parsed.shape.push_back(static_cast<std::int64_t>(dim.get<std::uint64_t>()));
  }
  const Json* offsets = entry.contains("data_offsets") ? &entry["data_offsets"] : nullptr;
  if (offsets == nullptr || !offsets->is_array() || offsets->size() != 2 ||
      !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned()) {
    fail("\"data_offsets\" must be [begin, end], two non-negative integers");
  }
  parsed.begin = (*offsets)[0].get<std::uint64_t>();
  parsed.end = (*offsets)[1].get<std::uint64_t>();
  const std::string range = "bytes " + std::to_string(parsed.begin) + ".." + std::to_string(parsed.end);
  if (parsed.begin > parsed.end) fail("data_offsets " + range + " end before they begin");
  if (parsed.end > dataBytes) {
    fail("data_offsets " + range + " reach past the end of the data section (" + std::to_string(dataBytes) +
         " bytes): the file is truncated or damaged");
  }
  const std::uint64_t count = valueCount(parsed.shape, dataBytes);
  if (count == std::numeric_limits<std::uint64_t>::max() || count * 4 != parsed.end - parsed.begin) {
    fail("shape " + shapeText(parsed.shape) + " needs " +
         (count == std::numeric_limits<std::uint64_t>::max() ? std::string("more")
                                                             : std::to_string(count * 4)) +
         " bytes but data_offsets give " + std::to_string(parsed.end - parsed.begin));
  }
  return parsed;
}

}  // namespace

std::uint32_t crc32Of(std::span<const std::uint8_t> bytes, std::uint32_t crc) {
  // zlib's crc32 takes a uInt length (32 bits), so feed it at most 1 GiB at a time.
  constexpr std::size_t kChunk = std::size_t{1} << 30;
  uLong value = crc;
  for (std::size_t done = 0; done < bytes.size(); done += kChunk) {
    const std::size_t length = std::min(kChunk, bytes.size() - done);
    value = ::crc32(value, bytes.data() + done, static_cast<uInt>(length));
  }
  return static_cast<std::uint32_t>(value);
}

std::uint32_t tensorDataCrc32(const std::vector<NamedTensor>& tensors) {
  std::uint32_t crc = 0;
  std::array<std::uint8_t, 4 * 4096> chunk;  // the bytes of 4096 floats at a time, not a copy of the data
  std::size_t filled = 0;
  for (const NamedTensor& tensor : tensors) {
    for (const float value : tensor.values) {
      writeF32LE(value, chunk.data() + filled);
      filled += 4;
      if (filled == chunk.size()) {
        crc = crc32Of(chunk, crc);
        filled = 0;
      }
    }
  }
  return crc32Of({chunk.data(), filled}, crc);
}

int jsonNestingDepth(std::span<const std::uint8_t> text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::uint8_t c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '{' || c == '[')
      deepest = std::max(deepest, ++depth);
    else if (c == '}' || c == ']')
      --depth;
    if (deepest > limit) break;
  }
  return deepest;
}

std::vector<std::uint8_t> encodeSafetensors(const SafetensorsContents& contents, const std::string& label) {
  Json header = Json::object();
  if (!contents.metadata.empty()) {
    Json metadata = Json::object();
    for (const auto& [key, value] : contents.metadata) metadata[key] = value;
    header[kMetadataKey] = std::move(metadata);
  }
  std::uint64_t dataBytes = 0;
  for (const NamedTensor& tensor : contents.tensors) {
    if (tensor.name.empty() || tensor.name == kMetadataKey || header.contains(tensor.name)) {
      throw ModelFileError(label,
                           "cannot write tensor named '" + tensor.name + "': empty, reserved or repeated");
    }
    if (valueCount(tensor.shape, std::numeric_limits<std::uint64_t>::max() / 8) != tensor.values.size()) {
      throw ModelFileError(label, "tensor '" + tensor.name + "' has " + std::to_string(tensor.values.size()) +
                                      " values but shape " + shapeText(tensor.shape));
    }
    const std::uint64_t end = dataBytes + 4 * tensor.values.size();
    header[tensor.name] = {{"dtype", "F32"}, {"shape", tensor.shape}, {"data_offsets", {dataBytes, end}}};
    dataBytes = end;
  }
  std::string headerText;
  try {
    headerText = header.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const Json::exception& error) {
    throw ModelFileError(label, std::string("cannot write the JSON header: ") + error.what());
  }
  headerText.append((8 - headerText.size() % 8) % 8, ' ');  // keeps the data 8-byte aligned

  std::vector<std::uint8_t> bytes(8 + headerText.size() + dataBytes);
  writeU64LE(headerText.size(), bytes.data());
  std::copy(headerText.begin(), headerText.end(), bytes.begin() + 8);
  std::uint8_t* out = bytes.data() + 8 + headerText.size();
  for (const NamedTensor& tensor : contents.tensors) {
    for (const float value : tensor.values) {
      writeF32LE(value, out);
      out += 4;
    }
  }
  return bytes;
}

SafetensorsContents decodeSafetensors(std::span<const std::uint8_t> bytes, const std::string& label) {
  if (bytes.size() < 8) {
    throw ModelFileError(label, "the file is " + std::to_string(bytes.size()) +
                                    " bytes, too short to be a model file (truncated, or not a model)");
  }
  const std::uint64_t headerBytes = readU64LE(bytes.data());
  if (headerBytes < 2 || headerBytes > kMaxHeaderBytes) {
    throw ModelFileError(label, "the header length field says " + std::to_string(headerBytes) +
                                    " bytes, which no model file has: this is not a MelodyVAE model file, "
                                    "or its first 8 bytes are damaged");
  }
  if (headerBytes > bytes.size() - 8) {
    throw ModelFileError(label, "the header should end at byte " + std::to_string(8 + headerBytes) +
                                    " but the file has only " + std::to_string(bytes.size()) +
                                    " bytes: the file is truncated");
  }
  const std::span<const std::uint8_t> headerText = bytes.subspan(8, headerBytes);
  if (headerText[0] != '{') {
    throw ModelFileError(label, "the header does not start with '{': this is not a safetensors model file");
  }
  if (jsonNestingDepth(headerText, kMaxHeaderNesting) > kMaxHeaderNesting) {
    throw ModelFileError(label, "the header nests deeper than " + std::to_string(kMaxHeaderNesting) +
                                    " levels: the file is damaged");
  }
  Json header;
  try {
    header = Json::parse(headerText.begin(), headerText.end());
  } catch (const Json::exception& error) {
    throw ModelFileError(label, std::string("the JSON header (bytes 8..") + std::to_string(8 + headerBytes) +
                                    ") is not valid JSON: " + error.what());
  }
  if (!header.is_object()) throw ModelFileError(label, "the JSON header is not an object");

  const std::uint64_t dataBytes = bytes.size() - 8 - headerBytes;
  SafetensorsContents contents;
  std::vector<TensorEntry> entries;
  for (const auto& [key, value] : header.items()) {
    if (key == kMetadataKey) {
      if (!value.is_object()) throw ModelFileError(label, "\"__metadata__\" is not a JSON object");
      for (const auto& [metaKey, metaValue] : value.items()) {
        if (!metaValue.is_string()) {
          throw ModelFileError(label, "metadata entry '" + metaKey + "' is not a string");
        }
        contents.metadata[metaKey] = metaValue.get<std::string>();
      }
      continue;
    }
    entries.push_back(parseTensorEntry(key, value, dataBytes, label));
  }

  std::sort(entries.begin(), entries.end(), [](const TensorEntry& a, const TensorEntry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::uint64_t covered = 0;
  const TensorEntry* previous = nullptr;
  for (const TensorEntry& entry : entries) {
    if (entry.begin < covered) {
      throw ModelFileError(label, "tensors '" + previous->name + "' and '" + entry.name +
                                      "' overlap (bytes " + std::to_string(entry.begin) + ".." +
                                      std::to_string(covered) + " of the data section)");
    }
    if (entry.begin > covered) {
      throw ModelFileError(label, "bytes " + std::to_string(covered) + ".." + std::to_string(entry.begin) +
                                      " of the data section belong to no tensor: the file is damaged");
    }
    covered = entry.end;
    previous = &entry;
  }
  if (covered != dataBytes) {
    throw ModelFileError(label, "the data section has " + std::to_string(dataBytes) +
                                    " bytes but the tensors end at byte " + std::to_string(covered) +
                                    ": extra bytes at the end of the file");
  }

  const std::uint8_t* data = bytes.data() + 8 + headerBytes;
  contents.dataCrc32 = crc32Of({data, dataBytes});
  contents.tensors.reserve(entries.size());
  for (TensorEntry& entry : entries) {
    NamedTensor tensor;
    tensor.name = std::move(entry.name);
    tensor.shape = std::move(entry.shape);
    tensor.values.resize((entry.end - entry.begin) / 4);
    for (std::size_t i = 0; i < tensor.values.size(); ++i)
      tensor.values[i] = readF32LE(data + entry.begin + 4 * i);
    contents.tensors.push_back(std::move(tensor));
  }
  return contents;
}

}  // namespace melodyvae::modelfile
