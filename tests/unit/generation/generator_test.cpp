// The generator: decoding matches the model, noise moves z, rendering applies the grid offset, and the
// decode-and-select path allocates nothing once the generator exists.
#include "core/generation/generator.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/loops/duration.h"
#include "test_model.h"
#include "tests/support/allocation_counter.h"

namespace melodyvae::generation {
namespace {

TEST(Generator, DecodeEqualsTheModelsDecoder) {
  vae::Vae model = variedModel(4);
  Generator generator(model);
  vae::RandomNoise random(1);
  const std::vector<float> z = {0.7f, -0.4f};
  const DecodedPlanes planes = generator.decode(z, 0.0f, random);
  std::vector<float> expected(4 * 768);
  model.decode(z.data(), 1,
               {expected.data(), expected.data() + 768, expected.data() + 1536, expected.data() + 2304});
  float largest = 0;
  for (int i = 0; i < 768; ++i) {
    largest = std::max({largest, std::fabs(planes.onset[i] - expected[i]),
                        std::fabs(planes.velocity[i] - expected[768 + i]),
                        std::fabs(planes.duration[i] - expected[1536 + i]),
                        std::fabs(planes.offset[i] - expected[2304 + i])});
  }
  EXPECT_EQ(largest, 0.0f);
  EXPECT_EQ(std::vector<float>(generator.lastZ().begin(), generator.lastZ().end()), z);
}

TEST(Generator, NoiseMovesZBySeededGaussianSteps) {
  vae::Vae model = variedModel(4);
  Generator generator(model);
  const std::vector<float> z = {0.5f, 0.5f};
  vae::RandomNoise first(9);
  generator.decode(z, 0.3f, first);
  const std::vector<float> noisy(generator.lastZ().begin(), generator.lastZ().end());
  EXPECT_NE(noisy, z);
  vae::RandomNoise again(9);
  generator.decode(z, 0.3f, again);
  EXPECT_EQ(std::vector<float>(generator.lastZ().begin(), generator.lastZ().end()), noisy)
      << "same seed, same z";
  // Many draws: the shift has standard deviation ~0.3.
  vae::RandomNoise random(10);
  double squares = 0;
  const int draws = 2000;
  for (int i = 0; i < draws; ++i) {
    generator.decode(z, 0.3f, random);
    squares += std::pow(generator.lastZ()[0] - 0.5, 2);
  }
  EXPECT_NEAR(std::sqrt(squares / draws), 0.3, 0.02);
}

TEST(Generator, RejectsWrongZ) {
  vae::Vae model = variedModel(4);
  Generator generator(model);
  vae::RandomNoise random(1);
  EXPECT_THROW(generator.decode(std::vector<float>{1.0f}, 0.0f, random), std::invalid_argument);
  EXPECT_THROW(generator.decode(std::vector<float>{1.0f, NAN}, 0.0f, random), std::invalid_argument);
  loops::Loop out;
  GenerationSettings settings;
  settings.noise = -1.0f;
  EXPECT_THROW(generator.generate(std::vector<float>{0.0f, 0.0f}, settings, random, out),
               std::invalid_argument);
}

TEST(Generator, GenerateAllocatesNothingAfterConstruction) {
  vae::Vae model = variedModel(4);
  Generator generator(model);
  vae::RandomNoise random(1);
  loops::Loop out;
  out.reserve(loops::kCells);
  GenerationSettings settings;
  settings.selection = {0.0f, 1.0f, 24};  // the most notes possible
  settings.noise = 0.2f;
  const std::vector<float> z = {0.1f, 0.2f};
  generator.generate(z, settings, random, out);  // warm-up
  const std::size_t before = melodyvae::testing::allocationCount();
  for (int i = 0; i < 10; ++i) generator.generate(z, settings, random, out);
  EXPECT_EQ(melodyvae::testing::allocationCount() - before, 0u) << "allocations during generate()";
  EXPECT_EQ(out.size(), static_cast<std::size_t>(loops::kCells));
}

TEST(Generator, GridOffsetScalesTheTimingOffsetWhenRendering) {
  loops::LoopNote note;
  note.row = 5;
  note.step = 8;
  note.velocity = 90;
  note.duration = loops::encodeNormalizedDuration(loops::normalizeDuration(2.0));  // an eighth note
  note.offset = loops::encodeOffset(0.5);
  const loops::Loop loop = {note};
  RenderSettings settings;
  settings.lowestPitch = 50;
  const std::int64_t onGrid = 8 * 480 / 4;
  for (const auto& [gridOffset, expectedStart] : std::vector<std::pair<float, std::int64_t>>{
           {0.0f, onGrid}, {1.0f, onGrid + 30}, {2.0f, onGrid + 60}}) {
    settings.gridOffset = gridOffset;
    const midi::Song song = renderSong(loop, settings);
    ASSERT_EQ(song.notes.size(), 1u);
    EXPECT_EQ(song.notes[0].startTick, expectedStart) << "grid offset " << gridOffset;
    EXPECT_EQ(song.notes[0].pitch, 55);
    EXPECT_EQ(song.notes[0].velocity, 90);
    EXPECT_NEAR(static_cast<double>(song.notes[0].endTick - song.notes[0].startTick), 240.0, 1.0);
  }
  settings.gridOffset = 2.5f;
  EXPECT_THROW(renderSong(loop, settings), std::invalid_argument);
  settings.gridOffset = 1.0f;
  settings.beatsPerMinute = 0.0;
  EXPECT_THROW(renderSong(loop, settings), std::invalid_argument);
}

TEST(Generator, RenderedTempoIsWritten) {
  RenderSettings settings;
  settings.beatsPerMinute = 90.0;
  const midi::Song song = renderSong(loops::Loop{}, settings);
  ASSERT_FALSE(song.tempos.empty());
  EXPECT_NEAR(song.tempos[0].beatsPerMinute(), 90.0, 1e-3);
}

TEST(Generator, SequencePlacesLoopIInBarsTwoIPlusOneAndCutsNotesAtTheLoopEnd) {
  loops::LoopNote first;
  first.row = 0;
  first.step = 0;
  first.velocity = 80;
  first.duration = loops::encodeNormalizedDuration(loops::normalizeDuration(4.0));  // a quarter note
  loops::LoopNote held = first;  // from step 28 for 16 steps: would reach 12 steps into the next loop
  held.row = 7;
  held.step = 28;
  held.duration = loops::encodeNormalizedDuration(loops::normalizeDuration(16.0));
  const std::vector<loops::Loop> loops = {{first, held}, {}, {first}};
  RenderSettings settings;
  settings.lowestPitch = 60;
  const midi::Song song = renderSequence(loops, settings);
  const std::int64_t loopTicks = 32 * 480 / 4;  // two bars of 4/4 at 480 per quarter
  ASSERT_EQ(song.notes.size(), 3u);
  EXPECT_EQ(song.notes[0].startTick, 0);
  EXPECT_EQ(song.notes[0].endTick, 480);
  EXPECT_EQ(song.notes[1].pitch, 67);
  EXPECT_EQ(song.notes[1].startTick, 28 * 120);
  EXPECT_EQ(song.notes[1].endTick, loopTicks);  // cut at the end of its loop
  EXPECT_EQ(song.notes[2].startTick, 2 * loopTicks);
  EXPECT_EQ(song.endTick, 3 * loopTicks);
  EXPECT_EQ(song.timeSignatures.size(), 1u);
  EXPECT_THROW(renderSequence({}, settings), std::invalid_argument);
}

}  // namespace
}  // namespace melodyvae::generation
