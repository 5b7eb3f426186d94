// The compact loop store: contents, validation, batch expansion and memory per loop.
#include "core/corpus/loop_corpus.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/loops/expand.h"

namespace melodyvae::corpus {
namespace {

using loops::Loop;
using loops::LoopNote;

LoopNote cellNote(int row, int step, int velocity = 100) {
  LoopNote note;
  note.row = static_cast<std::uint8_t>(row);
  note.step = static_cast<std::uint8_t>(step);
  note.velocity = static_cast<std::uint8_t>(velocity);
  note.duration = static_cast<std::uint16_t>(1000 * row + step);
  note.offset = static_cast<std::int16_t>(-300 * step);
  return note;
}

Loop randomLoop(std::mt19937& random) {
  Loop loop;
  for (int step = 0; step < loops::kSteps; ++step) {
    if (random() % 3 != 0) continue;
    loop.push_back(cellNote(static_cast<int>(random() % 24), step, 1 + static_cast<int>(random() % 127)));
  }
  return loop;
}

TEST(LoopCorpus, StoresLoopsInOrderAndSortsTheirNotes) {
  LoopCorpus corpus;
  const std::uint32_t file = corpus.addFile("a.mid");
  corpus.add(Loop{cellNote(2, 5), cellNote(1, 5), cellNote(0, 9)}, {file, 3, 0});
  corpus.add(Loop{}, {file, 4, 7});
  corpus.add(Loop{cellNote(23, 31)}, {file, 5, -5});
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus.noteCount(), 4u);
  const auto first = corpus.loop(0);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0], cellNote(1, 5));
  EXPECT_EQ(first[1], cellNote(2, 5));
  EXPECT_EQ(first[2], cellNote(0, 9));
  EXPECT_TRUE(corpus.loop(1).empty());
  EXPECT_EQ(corpus.loop(2)[0], cellNote(23, 31));
  EXPECT_EQ(corpus.source(1).window, 4u);
  EXPECT_EQ(corpus.source(2).transposition, -5);
  EXPECT_EQ(corpus.file(corpus.source(2).file), "a.mid");
  EXPECT_THROW(corpus.loop(3), std::out_of_range);
}

TEST(LoopCorpus, RefusesNotesOffTheGridSilentOrSharingACell) {
  LoopCorpus corpus;
  EXPECT_THROW(corpus.add(Loop{cellNote(24, 0)}), std::invalid_argument);
  EXPECT_THROW(corpus.add(Loop{cellNote(0, 32)}), std::invalid_argument);
  EXPECT_THROW(corpus.add(Loop{cellNote(0, 0, 0)}), std::invalid_argument);
  EXPECT_THROW(corpus.add(Loop{cellNote(4, 4), cellNote(4, 4, 50)}), std::invalid_argument);
  corpus.addFile("x.mid");
  EXPECT_THROW(corpus.add(Loop{cellNote(0, 0)}, {1, 0, 0}), std::invalid_argument);
  EXPECT_EQ(corpus.size(), 0u);
  EXPECT_THROW(LoopCorpus(105), std::invalid_argument);
}

TEST(LoopCorpus, ExpandBatchMatchesExpandLoopPerLoop) {
  std::mt19937 random(7);
  LoopCorpus corpus;
  for (int i = 0; i < 20; ++i) corpus.add(randomLoop(random));
  const std::vector<std::size_t> indices{3, 0, 19, 3, 11};
  const std::size_t batch = indices.size();
  std::vector<float> onset(batch * loops::kCells, 5.0f), velocity(onset), duration(onset), offset(onset);
  corpus.expandBatch(indices, onset.data(), velocity.data(), duration.data(), offset.data());

  std::vector<float> expected(4 * loops::kCells);
  float worst = 0.0f;
  for (std::size_t b = 0; b < batch; ++b) {
    float* e = expected.data();
    loops::expandLoop(corpus.loop(indices[b]), e, e + loops::kCells, e + 2 * loops::kCells,
                      e + 3 * loops::kCells);
    for (int cell = 0; cell < loops::kCells; ++cell) {
      const std::size_t at = b * loops::kCells + static_cast<std::size_t>(cell);
      const std::size_t c = static_cast<std::size_t>(cell);
      worst = std::max({worst, std::abs(onset[at] - expected[c]),
                        std::abs(velocity[at] - expected[loops::kCells + c]),
                        std::abs(duration[at] - expected[2 * loops::kCells + c]),
                        std::abs(offset[at] - expected[3 * loops::kCells + c])});
    }
  }
  EXPECT_EQ(worst, 0.0f) << "largest difference";
  EXPECT_THROW(corpus.expandBatch(std::vector<std::size_t>{20}, onset.data(), velocity.data(),
                                  duration.data(), offset.data()),
               std::out_of_range);
}

TEST(LoopCorpus, AHundredThousandLoopsFitInTensOfMegabytes) {
  std::mt19937 random(1);
  LoopCorpus corpus;
  const std::uint32_t file = corpus.addFile("big.mid");
  const std::size_t loopCount = 100'000;
  for (std::size_t i = 0; i < loopCount; ++i)
    corpus.add(randomLoop(random), {file, static_cast<std::uint32_t>(i), 0});
  ASSERT_EQ(corpus.size(), loopCount);
  const double notesPerLoop = static_cast<double>(corpus.noteCount()) / loopCount;
  const double megabytes = static_cast<double>(corpus.memoryBytes()) / (1024.0 * 1024.0);
  std::cout << "100,000 loops, " << notesPerLoop << " notes a loop: " << megabytes << " MiB\n";
  // 8 bytes a note plus 16 a loop; vector growth may leave up to twice that reserved.
  const double tight = (8.0 * static_cast<double>(corpus.noteCount()) + 16.0 * loopCount) / (1024.0 * 1024.0);
  EXPECT_LE(megabytes, 2.0 * tight + 0.01);
  EXPECT_LT(megabytes, 40.0);
}

TEST(LoopCorpus, AppendRenumbersFiles) {
  LoopCorpus a, b;
  a.add(Loop{cellNote(0, 0)}, {a.addFile("a.mid"), 0, 0});
  const std::uint32_t bFile = b.addFile("b1.mid");
  b.addFile("b2.mid");
  b.add(Loop{cellNote(1, 1)}, {bFile + 1, 2, 5});
  a.append(b);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a.file(a.source(1).file), "b2.mid");
  EXPECT_EQ(a.loop(1)[0], cellNote(1, 1));
  EXPECT_THROW(a.append(LoopCorpus(36)), std::invalid_argument);
  a.clear();
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(a.fileCount(), 0u);
}

}  // namespace
}  // namespace melodyvae::corpus
