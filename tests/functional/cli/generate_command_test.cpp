// `melodyvae generate` through the binary: a valid MIDI file with the notes the options ask for, seeded
// repeatability, and errors naming the argument.
#include <gtest/gtest.h>

#include <set>

#include "core/common/atomic_file.h"
#include "core/midi/smf_reader.h"
#include "train_model_helper.h"

namespace melodyvae::product_testing {
namespace {

TEST(GenerateCommand, WritesAValidMidiFileWithOneNotePerStepAtThresholdZero) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string midiFile = (scratch.path() / "out.mid").string();
  const ProcessResult result = runMelodyvae(
      {"generate", model, "--z", "0.5,-0.25", "--thresh-min", "0", "--tempo", "96", "-o", midiFile},
      scratch.path());
  ASSERT_EQ(result.exitStatus, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "wrote " + midiFile + ": 32 notes from z = (0.5000, -0.2500)"))
      << result.out;
  const midi::Song song = midi::readSmfFile(midiFile);
  ASSERT_EQ(song.notes.size(), 32u) << "monophonic with thresh-min 0: a note on each of the 32 steps";
  std::set<std::int64_t> starts;
  for (const midi::Note& note : song.notes) {
    EXPECT_GE(note.pitch, 48);
    EXPECT_LE(note.pitch, 71);
    EXPECT_GE(note.velocity, 1);
    EXPECT_GT(note.endTick, note.startTick);
    starts.insert((note.startTick + song.ticksPerQuarter / 8) / (song.ticksPerQuarter / 4));
  }
  EXPECT_EQ(starts.size(), 32u) << "one note per step";
  ASSERT_FALSE(song.tempos.empty());
  EXPECT_NEAR(song.tempos[0].beatsPerMinute(), 96.0, 0.01);
}

TEST(GenerateCommand, PolyphonyAndGridOffset) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string poly = (scratch.path() / "poly.mid").string();
  ASSERT_EQ(runMelodyvae({"generate", model, "--z", "0,0", "--thresh-min", "0", "--poly", "3", "-o", poly},
                         scratch.path())
                .exitStatus,
            0);
  EXPECT_EQ(midi::readSmfFile(poly).notes.size(), 96u) << "3 voices on each of 32 steps";
  const std::string quantized = (scratch.path() / "quantized.mid").string();
  ASSERT_EQ(runMelodyvae(
                {"generate", model, "--z", "0,0", "--thresh-min", "0", "--grid-offset", "0", "-o", quantized},
                scratch.path())
                .exitStatus,
            0);
  const midi::Song song = midi::readSmfFile(quantized);
  for (const midi::Note& note : song.notes) {
    EXPECT_EQ(note.startTick % (song.ticksPerQuarter / 4), 0) << "grid offset 0 puts every note on the grid";
  }
}

TEST(GenerateCommand, SameSeedSameFileAndNegativeZ) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string a = (scratch.path() / "a.mid").string(), b = (scratch.path() / "b.mid").string();
  for (const std::string& file : {a, b}) {
    const ProcessResult result = runMelodyvae({"generate", model, "--seed", "42", "--noise", "0.3", "--bend",
                                               "0.5", "--thresh-min", "0.01", "-o", file},
                                              scratch.path());
    ASSERT_EQ(result.exitStatus, 0) << result.err;
    EXPECT_TRUE(contains(result.out, "drawn from N(0, 1)")) << result.out;
    EXPECT_TRUE(contains(result.out, "seed 42")) << result.out;
  }
  EXPECT_EQ(readWholeFile(a), readWholeFile(b));
  const ProcessResult negative = runMelodyvae(
      {"generate", model, "--z=-1.5,-0.5", "-o", (scratch.path() / "n.mid").string()}, scratch.path());
  EXPECT_EQ(negative.exitStatus, 0) << negative.err;
  EXPECT_TRUE(contains(negative.out, "z = (-1.5000, -0.5000)")) << negative.out;
}

TEST(GenerateCommand, ErrorsNameTheArgument) {
  ScratchFolder scratch;
  const std::string model = trainTinyModel(scratch.path());
  const std::string out = (scratch.path() / "x.mid").string();
  ProcessResult result = runMelodyvae({"generate", model, "--z", "1,2,3", "-o", out}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "--z has 3 coordinates")) << result.err;
  result = runMelodyvae({"generate", model, "--thresh-min", "0.9", "--thresh-max", "0.5", "-o", out},
                        scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "thresh-min")) << result.err;
  result = runMelodyvae({"generate", model, "--grid-offset", "3", "-o", out}, scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "--grid-offset")) << result.err;
  result = runMelodyvae({"generate", (scratch.path() / "missing.safetensors").string(), "-o", out},
                        scratch.path());
  EXPECT_EQ(result.exitStatus, 2);
  EXPECT_TRUE(contains(result.err, "missing.safetensors")) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace melodyvae::product_testing
