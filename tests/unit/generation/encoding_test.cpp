// Encoding: a loop's latent mean is deterministic, matches the model's encoder, and is the same after
// the model went through a model file.
#include "core/generation/encoding.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/loops/expand.h"
#include "core/loops/loop_to_notes.h"
#include "core/modelfile/model_file.h"
#include "test_model.h"

namespace melodyvae::generation {
namespace {

loops::Loop sampleLoop(int shift) {
  loops::Loop loop;
  for (int step = 0; step < 32; step += 4) {
    loops::LoopNote note;
    note.row = static_cast<std::uint8_t>((step / 4 * 3 + shift) % 24);
    note.step = static_cast<std::uint8_t>(step);
    note.velocity = static_cast<std::uint8_t>(60 + step);
    note.duration = loops::encodeNormalizedDuration(0.3);
    note.offset = loops::encodeOffset(0.1 * (step % 3));
    loop.push_back(note);
  }
  return loop;
}

TEST(Encoding, LoopEncoderEqualsTheModelsEncoderMean) {
  vae::Vae model = variedModel(6);
  const loops::Loop loop = sampleLoop(0);
  LoopEncoder encoder(model);
  const std::vector<float> z(encoder.encode(loop).begin(), encoder.encode(loop).end());
  std::vector<float> planes(4 * 768);
  loops::expandLoop(loop, planes.data(), planes.data() + 768, planes.data() + 1536, planes.data() + 2304);
  vae::PlaneBatch batch;
  batch.size = 1;
  batch.planes = {planes.data(), planes.data() + 768, planes.data() + 1536, planes.data() + 2304};
  std::vector<float> expected(2);
  model.encodeMean(batch, expected.data());
  EXPECT_EQ(z, expected);
  const std::span<const float> other = encoder.encode(sampleLoop(5));
  EXPECT_NE(std::vector<float>(other.begin(), other.end()), z) << "different loops, different z";
}

TEST(Encoding, EncodeAfterLoadEqualsEncodeBeforeSave) {
  vae::Vae model = variedModel(6);
  const loops::Loop loop = sampleLoop(2);
  LoopEncoder encoderBefore(model);
  const std::span<const float> before = encoderBefore.encode(loop);
  const std::vector<float> zBefore(before.begin(), before.end());
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("melodyvae_encode_" + std::to_string(::getpid()) + ".safetensors");
  const modelfile::ModelMetadata metadata;
  modelfile::saveModel(path, model, metadata);
  modelfile::LoadedModel loaded = modelfile::loadModel(path);
  std::filesystem::remove(path);
  LoopEncoder encoder(loaded.model);
  const std::span<const float> after = encoder.encode(loop);
  EXPECT_EQ(std::vector<float>(after.begin(), after.end()), zBefore);
}

TEST(Encoding, EncodeSongEncodesEveryWindowWithNotes) {
  vae::Vae model = variedModel(6);
  loops::NoteRenderOptions options;
  options.lowestPitch = 48;
  midi::Song song = loops::loopToSong(sampleLoop(1), options);
  options.startTick = 2 * 32 * 120;  // window 2 (bars 5-6); window 1 stays empty
  for (const midi::Note& note : loops::loopToNotes(sampleLoop(7), options)) song.notes.push_back(note);
  song.endTick = 3 * 32 * 120;
  const std::vector<EncodedWindow> windows = encodeSong(model, song, 48);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[0].window, 0);
  EXPECT_EQ(windows[1].window, 2);
  EXPECT_EQ(windows[0].onsets, 8);
  LoopEncoder encoder(model);
  const std::span<const float> first = encoder.encode(sampleLoop(1));
  // The song stores ticks, so durations and offsets come back within a tick of the loop's values.
  ASSERT_EQ(windows[0].z.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) EXPECT_NEAR(windows[0].z[i], first[i], 1e-3) << "coordinate " << i;
}

}  // namespace
}  // namespace melodyvae::generation
