// Saving and loading whole models: identical outputs after a round trip, and damaged files refused with a
// message that names the file and the problem, leaving a model in memory untouched.
#include "core/modelfile/model_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "core/common/atomic_file.h"
#include "core/modelfile/little_endian.h"
#include "core/modelfile/safetensors.h"

namespace melodyvae::modelfile {
namespace {

vae::ModelShape smallShape() {
  vae::ModelShape shape;
  shape.planeHidden = 8;
  shape.mergeHidden = 6;
  shape.latent = 2;
  shape.decoderHidden = 10;
  shape.branchHidden = 7;
  return shape;
}

// A model whose parameters and batch-norm state are all distinct, as after training.
vae::Vae variedModel(std::uint64_t seed) {
  vae::Vae model(smallShape(), seed);
  const std::span<float> state = model.batchNormState();
  for (std::size_t i = 0; i < state.size(); ++i) state[i] = 0.5f + 0.001f * static_cast<float>(i % 97);
  const std::span<float> parameters = model.parameters();
  for (std::size_t i = 0; i < parameters.size(); i += 5) parameters[i] += 0.01f;
  return model;
}

ModelMetadata sampleMetadata() {
  ModelMetadata metadata;
  metadata.representation.lowestPitch = 43;
  metadata.representation.minOnsets = 4;
  metadata.representation.augmented = true;
  metadata.recipe = {{"batchSize", 64}, {"seed", 7}};
  metadata.history = nlohmann::json::array({{{"epoch", 1}, {"loss", 3.5}}});
  metadata.createdBy = "melodyvae test";
  return metadata;
}

// A batch of 3 loops' planes with a few onsets each.
struct Planes {
  std::vector<float> data = std::vector<float>(4 * 3 * 768, 0.0f);  // [4, 3, 768]
  vae::PlaneBatch batch() const {
    vae::PlaneBatch b;
    b.size = 3;
    for (int p = 0; p < 4; ++p) b.planes[static_cast<std::size_t>(p)] = data.data() + p * 3 * 768;
    return b;
  }
  Planes() {
    for (int loop = 0; loop < 3; ++loop) {
      for (int k = 0; k < 6; ++k) {
        const int cell = (k * 5 + loop * 3) % 24 * 32 + k * 5;
        data[static_cast<std::size_t>(loop * 768 + cell)] = 1.0f;
        data[static_cast<std::size_t>(3 * 768 + loop * 768 + cell)] = 0.7f;
        data[static_cast<std::size_t>(6 * 768 + loop * 768 + cell)] = 0.4f;
        data[static_cast<std::size_t>(9 * 768 + loop * 768 + cell)] = -0.2f;
      }
    }
  }
};

float largestDifference(std::span<const float> a, std::span<const float> b) {
  float largest = 0;
  for (std::size_t i = 0; i < a.size(); ++i) largest = std::max(largest, std::fabs(a[i] - b[i]));
  return largest;
}

std::vector<float> decodeOutputs(vae::Vae& model) {
  const std::vector<float> z = {0.3f, -1.2f, 1.5f, 0.0f};  // two z's
  std::vector<float> out(4 * 2 * 768);
  model.decode(z.data(), 2, {out.data(), out.data() + 2 * 768, out.data() + 4 * 768, out.data() + 6 * 768});
  return out;
}

std::vector<float> encodeOutputs(vae::Vae& model) {
  const Planes planes;
  std::vector<float> mean(3 * 2);
  model.encodeMean(planes.batch(), mean.data());
  return mean;
}

void expectRefused(const std::vector<std::uint8_t>& bytes, const std::string& expected) {
  try {
    decodeModel(bytes, "broken.safetensors");
    FAIL() << "accepted a damaged model; expected an error containing '" << expected << "'";
  } catch (const ModelFileError& error) {
    EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("broken.safetensors"), std::string::npos) << error.what();
  }
}

// Re-encodes a valid model file after `edit` changed its decoded contents. The data checksum is brought up
// to date (unless the edit changed it), so each test reaches the check it is about.
template <typename Edit>
std::vector<std::uint8_t> tampered(Edit edit) {
  SafetensorsContents contents = decodeSafetensors(encodeModel(variedModel(3), sampleMetadata()), "x");
  const std::string storedCrc = contents.metadata.at(kDataCrc32Key);
  edit(contents);
  const auto crc = contents.metadata.find(kDataCrc32Key);
  if (crc != contents.metadata.end() && crc->second == storedCrc) {
    crc->second = crc32Text(tensorDataCrc32(contents.tensors));
  }
  return encodeSafetensors(contents, "x");
}

std::size_t headerEnd(const std::vector<std::uint8_t>& bytes) {
  return 8 + static_cast<std::size_t>(readU64LE(bytes.data()));
}

NamedTensor& tensorNamed(SafetensorsContents& contents, const std::string& name) {
  for (NamedTensor& tensor : contents.tensors) {
    if (tensor.name == name) return tensor;
  }
  throw std::runtime_error("test: no tensor " + name);
}

class ModelFileOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("melodyvae_modelfile_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  std::filesystem::path directory_;
};

TEST_F(ModelFileOnDisk, RoundTripGivesIdenticalWeightsAndOutputs) {
  vae::Vae original = variedModel(11);
  const std::filesystem::path path = directory_ / "model.safetensors";
  saveModel(path, original, sampleMetadata());
  LoadedModel loaded = loadModel(path);

  EXPECT_EQ(loaded.model.parameterTensors().size(), original.parameterTensors().size());
  EXPECT_EQ(largestDifference(loaded.model.parameters(), original.parameters()), 0.0f);
  EXPECT_TRUE(std::equal(original.parameters().begin(), original.parameters().end(),
                         loaded.model.parameters().begin()));
  EXPECT_TRUE(std::equal(original.batchNormState().begin(), original.batchNormState().end(),
                         loaded.model.batchNormState().begin()));
  const std::vector<float> decodedBefore = decodeOutputs(original);
  const std::vector<float> decodedAfter = decodeOutputs(loaded.model);
  EXPECT_EQ(decodedBefore, decodedAfter)
      << "largest decode difference " << largestDifference(decodedBefore, decodedAfter);
  const std::vector<float> encodedBefore = encodeOutputs(original);
  const std::vector<float> encodedAfter = encodeOutputs(loaded.model);
  EXPECT_EQ(encodedBefore, encodedAfter)
      << "largest encode difference " << largestDifference(encodedBefore, encodedAfter);

  const ModelMetadata expected = sampleMetadata();
  EXPECT_EQ(loaded.metadata.representation, expected.representation);
  EXPECT_EQ(loaded.metadata.recipe, expected.recipe);
  EXPECT_EQ(loaded.metadata.history, expected.history);
  EXPECT_EQ(loaded.metadata.createdBy, expected.createdBy);
  const vae::ModelShape& shape = loaded.model.shape();
  EXPECT_EQ(shape.planeHidden, 8);
  EXPECT_EQ(shape.mergeHidden, 6);
  EXPECT_EQ(shape.decoderHidden, 10);
  EXPECT_EQ(shape.branchHidden, 7);
  EXPECT_FLOAT_EQ(shape.dropout, smallShape().dropout);
}

TEST_F(ModelFileOnDisk, SavingReplacesAtomicallyAndLeavesNoTemporaryFile) {
  const std::filesystem::path path = directory_ / "model.safetensors";
  saveModel(path, variedModel(1), sampleMetadata());
  saveModel(path, variedModel(2), sampleMetadata());
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory_)) ++files;
  EXPECT_EQ(files, 1);
  EXPECT_THROW(saveModel(directory_ / "missing-folder" / "m.safetensors", variedModel(1), sampleMetadata()),
               ModelFileError);
}

TEST_F(ModelFileOnDisk, FailedLoadLeavesTheModelInMemoryUntouched) {
  const std::filesystem::path good = directory_ / "good.safetensors";
  const std::filesystem::path bad = directory_ / "bad.safetensors";
  saveModel(good, variedModel(5), sampleMetadata());
  std::vector<std::uint8_t> bytes = readWholeFile(good);
  bytes.resize(bytes.size() - 10);
  writeFileAtomically(bad, bytes);

  LoadedModel current = loadModel(good);
  const std::vector<float> before(current.model.parameters().begin(), current.model.parameters().end());
  try {
    current = loadModel(bad);
    FAIL() << "a truncated file was accepted";
  } catch (const ModelFileError& error) {
    EXPECT_NE(std::string(error.what()).find("bad.safetensors"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(std::equal(before.begin(), before.end(), current.model.parameters().begin()));
  EXPECT_THROW(loadModel(directory_ / "does-not-exist.safetensors"), ModelFileError);
}

TEST(ModelFile, TruncationAtManyOffsetsIsRefused) {
  const std::vector<std::uint8_t> bytes = encodeModel(variedModel(3), sampleMetadata());
  const std::size_t headerEnd = 8 + static_cast<std::size_t>(bytes[0] | bytes[1] << 8 | bytes[2] << 16);
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n < headerEnd + 64; ++n) lengths.push_back(n);  // every header offset
  for (std::size_t n = headerEnd + 64; n < bytes.size(); n += 997) lengths.push_back(n);  // across the data
  lengths.push_back(bytes.size() - 1);
  for (const std::size_t length : lengths) {
    const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
    EXPECT_THROW(decodeModel(cut, "cut"), ModelFileError)
        << "truncated to " << length << " of " << bytes.size();
  }
}

TEST(ModelFile, FlippedHeaderBytesAreRefusedOrHarmless) {
  const std::vector<std::uint8_t> bytes = encodeModel(variedModel(3), sampleMetadata());
  const std::size_t headerEnd = 8 + static_cast<std::size_t>(bytes[0] | bytes[1] << 8 | bytes[2] << 16);
  int accepted = 0;
  for (std::size_t i = 0; i < headerEnd; i += 7) {
    std::vector<std::uint8_t> damaged = bytes;
    damaged[i] ^= 0x5A;
    try {
      decodeModel(damaged, "flipped");
      ++accepted;  // e.g. a flip inside a metadata string such as created_by
    } catch (const ModelFileError&) {
    }
  }
  EXPECT_LT(accepted, static_cast<int>(headerEnd / 7 / 4)) << "most header damage must be detected";
}

TEST(ModelFile, RefusesWrongShape) {
  expectRefused(
      tampered([](SafetensorsContents& c) {
        NamedTensor& t = tensorNamed(c, "decoder.onset.out.weight");
        t.shape = {7, 768};  // transposed: same size, wrong shape
      }),
      "'decoder.onset.out.weight' has shape [7, 768] but the model shape in the metadata needs [768, 7]");
}

TEST(ModelFile, RefusesMissingTensorByName) {
  expectRefused(tampered([](SafetensorsContents& c) {
                  std::erase_if(c.tensors,
                                [](const NamedTensor& t) { return t.name == "encoder.merge.norm.beta"; });
                }),
                "tensor 'encoder.merge.norm.beta' [6] is missing");
  expectRefused(tampered([](SafetensorsContents& c) {
                  std::erase_if(c.tensors,
                                [](const NamedTensor& t) { return t.name == "decoder.onset.out.weight"; });
                }),
                "tensor 'decoder.onset.out.weight' [768, 7] is missing");
  expectRefused(tampered([](SafetensorsContents& c) {
                  std::erase_if(c.tensors, [](const NamedTensor& t) {
                    return t.name == "decoder.offset.norm.running_var";
                  });
                }),
                "tensor 'decoder.offset.norm.running_var' [7] is missing");
  // Same number of values, but one tensor renamed: the missing name is reported, and the stranger.
  expectRefused(
      tampered([](SafetensorsContents& c) { tensorNamed(c, "encoder.mean.bias").name = "encoder.mean.b"; }),
      "tensor 'encoder.mean.bias' [2] is missing (the file has an unexpected tensor 'encoder.mean.b' "
      "instead)");
}

TEST(ModelFile, RefusesUnknownTensor) {
  expectRefused(tampered([](SafetensorsContents& c) {
                  c.tensors.push_back({"decoder.extra", {0}, {}});
                }),
                "unexpected tensor 'decoder.extra'");
  expectRefused(tampered([](SafetensorsContents& c) {
                  c.tensors.push_back({"decoder.extra", {1}, {1.0f}});
                }),
                "unexpected tensor 'decoder.extra'");
}

TEST(ModelFile, AbsurdShapeIsRefusedByTensorShapeWithoutBuildingTheModel) {
  // 32768-wide layers would be a model of billions of floats; the first tensor's shape gives it away.
  expectRefused(tampered([](SafetensorsContents& c) {
                  auto shape = nlohmann::json::parse(c.metadata["shape"]);
                  shape["planeHidden"] = 32768;
                  shape["mergeHidden"] = 32768;
                  shape["decoderHidden"] = 32768;
                  shape["branchHidden"] = 32768;
                  c.metadata["shape"] = shape.dump();
                }),
                "tensor 'encoder.onset.dense.weight' has shape [8, 768] but the model shape in the metadata "
                "needs [32768, 768]");
}

TEST(ModelFile, WritesTheDataChecksumAsEightLowercaseHexDigits) {
  const std::vector<std::uint8_t> bytes = encodeModel(variedModel(3), sampleMetadata());
  const SafetensorsContents contents = decodeSafetensors(bytes, "x");
  const std::string& stored = contents.metadata.at("data_crc32");
  EXPECT_EQ(stored.size(), 8u);
  EXPECT_EQ(stored.find_first_not_of("0123456789abcdef"), std::string::npos) << stored;
  const std::span<const std::uint8_t> data(bytes.data() + headerEnd(bytes), bytes.size() - headerEnd(bytes));
  EXPECT_EQ(stored, crc32Text(crc32Of(data)));
  EXPECT_EQ(crc32Text(0x0badf00du), "0badf00d");
}

TEST(ModelFile, DataDamageThatLeavesFiniteValuesIsRefusedByTheChecksum) {
  const std::vector<std::uint8_t> bytes = encodeModel(variedModel(3), sampleMetadata());
  const std::size_t dataBegin = headerEnd(bytes);
  const std::string stored = decodeSafetensors(bytes, "x").metadata.at("data_crc32");
  int checked = 0;
  for (std::size_t i = dataBegin; i < bytes.size(); i += 4 * 997 + 1) {
    std::vector<std::uint8_t> damaged = bytes;
    damaged[i] ^= 0x01;  // a low mantissa or exponent bit of a weight: the value stays finite
    const std::span<const std::uint8_t> data(damaged.data() + dataBegin, damaged.size() - dataBegin);
    expectRefused(damaged, "the weights are damaged (checksum mismatch: expected " + stored + ", found " +
                               crc32Text(crc32Of(data)) + "); retrain the model or restore a backup");
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

TEST(ModelFile, RefusesMissingOrMalformedChecksum) {
  expectRefused(tampered([](SafetensorsContents& c) { c.metadata.erase("data_crc32"); }),
                "metadata entry 'data_crc32' (the weights' checksum) is missing");
  for (const char* bad : {"CBF43926", "cbf4392", "cbf439260", "0xf43926", "", "cbf4392g"}) {
    expectRefused(tampered([bad](SafetensorsContents& c) { c.metadata["data_crc32"] = bad; }),
                  std::string("metadata entry 'data_crc32' is '") + bad + "', not 8 lowercase hex digits");
  }
}

TEST_F(ModelFileOnDisk, StringsThatAreNotUtf8AreSavedWithReplacementCharacters) {
  ModelMetadata metadata = sampleMetadata();
  // A file name recorded by `melodyvae bend`, in Latin-1 rather than UTF-8.
  metadata.recipe["bends"] = nlohmann::json::array({{{"from", "caf\xE9.safetensors"}, {"amount", 0.3}}});
  metadata.history[0]["note"] = "\xFF\xFE";
  metadata.createdBy = "melodyvae \xC3";
  const std::filesystem::path path = directory_ / "bent.safetensors";
  try {
    saveModel(path, variedModel(4), metadata);
  } catch (const std::exception& error) {
    FAIL() << "saving threw: " << error.what();
  }
  const LoadedModel loaded = loadModel(path);
  EXPECT_EQ(loaded.metadata.recipe["bends"][0]["from"], "caf\xEF\xBF\xBD.safetensors");
  EXPECT_EQ(loaded.metadata.recipe["bends"][0]["amount"], 0.3);
  EXPECT_EQ(loaded.metadata.history[0]["note"], "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(loaded.metadata.createdBy, "melodyvae \xEF\xBF\xBD");
  EXPECT_EQ(loaded.metadata.recipe["batchSize"], 64);
}

TEST(ModelFile, BytesThatAreNotUtf8InTheHeaderAreAModelFileError) {
  std::vector<std::uint8_t> bytes = encodeModel(variedModel(3), sampleMetadata());
  const std::string header(bytes.begin() + 8, bytes.begin() + static_cast<std::ptrdiff_t>(headerEnd(bytes)));
  const std::size_t at = header.find("melodyvae test");
  ASSERT_NE(at, std::string::npos);
  bytes[8 + at] = 0xFF;  // created_by's first byte, inside a JSON string
  expectRefused(bytes, "not valid JSON");
}

TEST(ModelFile, RefusesNonFiniteValuesAndNegativeVariances) {
  expectRefused(tampered([](SafetensorsContents& c) {
                  tensorNamed(c, "encoder.onset.dense.weight").values[17] = std::nanf("");
                }),
                "non-finite value (nan) at index 17");
  expectRefused(tampered([](SafetensorsContents& c) {
                  tensorNamed(c, "decoder.velocity.norm.running_var").values[2] = -0.5f;
                }),
                "negative variance at index 2");
}

TEST(ModelFile, RefusesWrongFormatVersionAndMetadata) {
  expectRefused(tampered([](SafetensorsContents& c) { c.metadata["format_version"] = "2"; }),
                "written by a newer MelodyVAE");
  expectRefused(tampered([](SafetensorsContents& c) { c.metadata.erase("format"); }),
                "not a MelodyVAE model");
  expectRefused(tampered([](SafetensorsContents& c) { c.metadata["shape"] = "{\"cells\": 768"; }),
                "metadata entry 'shape' is not valid JSON");
  expectRefused(
      tampered([](SafetensorsContents& c) {
        auto shape = nlohmann::json::parse(c.metadata["shape"]);
        shape["latent"] = 3;
        c.metadata["shape"] = shape.dump();
      }),
      "tensor 'encoder.mean.weight' has shape [2, 6] but the model shape in the metadata needs [3, 6]");
  expectRefused(tampered([](SafetensorsContents& c) {
                  auto representation = nlohmann::json::parse(c.metadata["representation"]);
                  representation["rows"] = 25;
                  c.metadata["representation"] = representation.dump();
                }),
                "field 'rows'");
  expectRefused(tampered([](SafetensorsContents& c) {
                  auto shape = nlohmann::json::parse(c.metadata["shape"]);
                  shape.erase("dropout");
                  c.metadata["shape"] = shape.dump();
                }),
                "metadata 'shape', field 'dropout': missing");
  expectRefused(tampered([](SafetensorsContents& c) { c.metadata["history"] = "{}"; }),
                "should be a JSON array");
}

TEST(ModelFile, ParameterCountMatchesTheModel) {
  const vae::Vae model(smallShape(), 1);
  EXPECT_EQ(parameterCount(smallShape()), model.parameters().size());
  EXPECT_EQ(batchNormStateCount(smallShape()), model.batchNormState().size());
  EXPECT_EQ(parameterCount(vae::ModelShape{}), vae::Vae(vae::ModelShape{}, 1).parameters().size());
}

}  // namespace
}  // namespace melodyvae::modelfile
