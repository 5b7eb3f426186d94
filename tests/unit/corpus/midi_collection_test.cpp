// Loading a collection: parallel reading in a repeatable order, per-file reports, errors, augmentation.
#include "core/corpus/midi_collection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "core/midi/smf_reader.h"
#include "core/midi/smf_writer.h"
#include "temp_folder.h"

namespace melodyvae::corpus {
namespace {

namespace fs = std::filesystem;
using testing::TempFolder;

// `bars` bars of sixteenth notes at pitches from `pitch`, 6 notes a 2-bar window, plus drum notes.
midi::Song melody(int bars, int pitch, int drumNotes = 0) {
  midi::Song song;
  song.ticksPerQuarter = 96;
  song.trackCount = 1;
  for (int step = 0; step < bars * 16; step += 5) {
    midi::Note note;
    note.startTick = step * 24;
    note.endTick = note.startTick + 24;
    note.pitch = static_cast<std::uint8_t>(pitch + step % 12);
    song.notes.push_back(note);
  }
  for (int i = 0; i < drumNotes; ++i) {
    midi::Note drum;
    drum.startTick = i * 24;
    drum.endTick = drum.startTick + 12;
    drum.pitch = 36;
    drum.channel = 9;
    song.notes.push_back(drum);
  }
  std::sort(song.notes.begin(), song.notes.end(), [](const midi::Note& a, const midi::Note& b) {
    return std::tie(a.startTick, a.pitch, a.channel, a.track) <
           std::tie(b.startTick, b.pitch, b.channel, b.track);
  });
  song.tempos.push_back({0, 400000});
  song.timeSignatures.push_back({0, 4, 4});
  song.endTick = bars * 4 * 96;
  return song;
}

TEST(LoadMidiCollection, ReadsAFolderInOrderAndReportsEachFile) {
  TempFolder temp;
  const fs::path folder = temp.path() / "set [1] !@";
  fs::create_directories(folder / "deeper");
  midi::writeSmfFile(folder / "b.MID", melody(8, 60, 10));
  midi::writeSmfFile(folder / "a.midi", melody(4, 55));
  midi::writeSmfFile(folder / "deeper" / "c.mid", melody(2, 72));
  temp.write("set [1] !@/broken.mid", "MThd this is not a MIDI file");

  CollectionOptions options;
  options.threads = 3;
  LoopCorpus corpus;
  const std::vector<fs::path> inputs{folder};
  const CollectionReport report = loadMidiCollection(inputs, options, corpus);
  ASSERT_EQ(report.files.size(), 4u);
  EXPECT_TRUE(report.inputProblems.empty());
  EXPECT_EQ(report.files[0].path.filename(), "a.midi");
  EXPECT_EQ(report.files[1].path.filename(), "b.MID");
  EXPECT_EQ(report.files[2].path.filename(), "broken.mid");
  EXPECT_EQ(report.files[3].path.filename(), "c.mid");
  EXPECT_EQ(report.readableFiles(), 3u);
  EXPECT_EQ(report.unreadableFiles(), 1u);

  const FileReport& broken = report.files[2];
  EXPECT_FALSE(broken.readable);
  EXPECT_TRUE(broken.error.starts_with("byte ")) << broken.error;
  EXPECT_EQ(broken.loopCount, 0u);

  const FileReport& b = report.files[1];
  EXPECT_TRUE(b.readable) << b.error;
  EXPECT_EQ(b.ticksPerQuarter, 96);
  EXPECT_EQ(b.notes, 26u + 10u);
  EXPECT_EQ(b.drumNotes, 10u);
  ASSERT_EQ(b.tempos.size(), 1u);
  EXPECT_NEAR(b.tempos[0].beatsPerMinute(), 150.0, 1e-9);
  EXPECT_EQ(b.windows, 4);
  EXPECT_EQ(b.loopsKept + b.droppedTooFewOnsets + static_cast<std::size_t>(b.droppedEmpty), 4u);

  // The corpus holds, file by file, exactly the loops the extractor gives for the file read back.
  std::size_t expectedLoops = 0;
  for (const FileReport& file : report.files) {
    if (!file.readable) continue;
    EXPECT_EQ(file.firstLoop, expectedLoops);
    const loops::Extraction direct = loops::extractLoops(midi::readSmfFile(file.path));
    ASSERT_EQ(file.loopCount, direct.loops.size()) << file.path;
    for (std::size_t i = 0; i < direct.loops.size(); ++i) {
      const auto stored = corpus.loop(file.firstLoop + i);
      EXPECT_TRUE(std::equal(stored.begin(), stored.end(), direct.loops[i].notes.begin(),
                             direct.loops[i].notes.end()));
      EXPECT_EQ(corpus.file(corpus.source(file.firstLoop + i).file), file.path);
      EXPECT_EQ(corpus.source(file.firstLoop + i).window, static_cast<std::uint32_t>(direct.loops[i].window));
    }
    expectedLoops += file.loopCount;
  }
  EXPECT_EQ(corpus.size(), expectedLoops);
  EXPECT_EQ(report.totalLoopsKept(), expectedLoops);
  EXPECT_GT(expectedLoops, 0u);
}

TEST(LoadMidiCollection, AugmentationAddsTheTranspositionsThatFit) {
  TempFolder temp;
  // Pitches 48..59 (rows 0..11): only the upward transpositions +5, +7 and +12 fit.
  midi::Song song = melody(2, 48);
  const fs::path file = temp.path() / "low.mid";
  midi::writeSmfFile(file, song);
  CollectionOptions options;
  options.augment = true;
  LoopCorpus corpus;
  const std::vector<fs::path> files{file};
  const CollectionReport report = loadMidiFiles(files, options, corpus);
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files[0].loopsKept, 1u);
  EXPECT_EQ(report.files[0].augmentedLoops, 3u);
  ASSERT_EQ(corpus.size(), 4u);
  EXPECT_EQ(corpus.source(0).transposition, 0);
  EXPECT_EQ(corpus.source(1).transposition, 5);
  EXPECT_EQ(corpus.source(2).transposition, 7);
  EXPECT_EQ(corpus.source(3).transposition, 12);
  EXPECT_EQ(corpus.loop(3)[0].row, corpus.loop(0)[0].row + 12);
}

TEST(LoadMidiCollection, RealFilesGiveTheSameCorpusWithOneOrManyThreads) {
  const std::vector<fs::path> inputs{fs::path(MELODYVAE_TEST_DATA) / "mono",
                                     fs::path(MELODYVAE_TEST_DATA) / "multitrack"};
  CollectionOptions one, many;
  one.threads = 1;
  many.threads = 4;
  LoopCorpus a, b;
  const CollectionReport reportA = loadMidiCollection(inputs, one, a);
  const CollectionReport reportB = loadMidiCollection(inputs, many, b);
  EXPECT_EQ(reportA.files.size(), 9u);
  EXPECT_EQ(reportA.unreadableFiles(), 0u) << (reportA.files.empty() ? "" : reportA.files[0].error);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_GT(a.size(), 10u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = a.loop(i), y = b.loop(i);
    ASSERT_TRUE(std::equal(x.begin(), x.end(), y.begin(), y.end())) << "loop " << i;
  }
  std::cout << reportA.files.size() << " files, " << a.size() << " loops, " << a.noteCount() << " notes\n";
}

TEST(LoadMidiCollection, ProgressCancelAndConfigErrors) {
  TempFolder temp;
  std::vector<fs::path> files;
  for (int i = 0; i < 5; ++i) {
    files.push_back(temp.path() / ("f" + std::to_string(i) + ".mid"));
    midi::writeSmfFile(files.back(), melody(2, 60));
  }
  CollectionOptions options;
  options.threads = 2;
  std::vector<std::size_t> seen;
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 5u);
    seen.push_back(done);
  };
  LoopCorpus corpus;
  loadMidiFiles(files, options, corpus);
  EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2, 3, 4, 5}));

  options.progress = [](std::size_t, std::size_t) { throw std::runtime_error("stop here"); };
  EXPECT_THROW(loadMidiFiles(files, options, corpus), std::runtime_error);

  options.progress = nullptr;
  const std::atomic<bool> cancel{true};
  options.cancel = &cancel;
  LoopCorpus untouched;
  const CollectionReport cancelled = loadMidiFiles(files, options, untouched);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.unreadableFiles(), 5u);
  EXPECT_EQ(untouched.size(), 0u);

  CollectionOptions mismatched;
  mismatched.loops.lowestPitch = 36;
  EXPECT_THROW(loadMidiFiles(files, mismatched, corpus), std::invalid_argument);
  mismatched.loops.lowestPitch = 48;
  mismatched.loops.hopSteps = 0;
  EXPECT_THROW(loadMidiFiles(files, mismatched, corpus), std::invalid_argument);
}

TEST(AddSongLoops, CutsASongInMemory) {
  LoopCorpus corpus;
  FileReport report;
  addSongLoops(melody(4, 60, 3), {}, corpus.addFile("memory"), corpus, report);
  EXPECT_EQ(report.loopsKept, 2u);
  EXPECT_EQ(report.drumNotes, 3u);
  EXPECT_EQ(corpus.size(), 2u);
}

}  // namespace
}  // namespace melodyvae::corpus
