// Songs built in memory for the loop tests: notes given in ticks at a chosen division.
#pragma once

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "core/midi/song.h"

namespace melodyvae::loops::testing {

inline midi::Note makeNote(std::int64_t start, std::int64_t end, int pitch, int velocity = 100,
                           int channel = 0) {
  midi::Note note;
  note.startTick = start;
  note.endTick = end;
  note.pitch = static_cast<std::uint8_t>(pitch);
  note.velocity = static_cast<std::uint8_t>(velocity);
  note.channel = static_cast<std::uint8_t>(channel);
  return note;
}

class SongBuilder {
 public:
  explicit SongBuilder(int ticksPerQuarter) {
    song_.ticksPerQuarter = static_cast<std::uint16_t>(ticksPerQuarter);
  }

  // A note starting at sixteenth `step` lasting `steps` sixteenths (the division must be divisible by 4).
  SongBuilder& onGrid(int step, int steps, int pitch, int velocity = 100, int channel = 0) {
    const std::int64_t s = song_.ticksPerQuarter / 4;
    return note(step * s, (step + steps) * s, pitch, velocity, channel);
  }
  SongBuilder& note(std::int64_t start, std::int64_t end, int pitch, int velocity = 100, int channel = 0) {
    song_.notes.push_back(makeNote(start, end, pitch, velocity, channel));
    return *this;
  }
  // `count` sixteenth notes at steps first, first + 1, ... (a run that passes the onset threshold).
  SongBuilder& run(int first, int count, int pitch) {
    for (int i = 0; i < count; ++i) onGrid(first + i, 1, pitch);
    return *this;
  }
  SongBuilder& endTick(std::int64_t tick) {
    song_.endTick = tick;
    return *this;
  }
  midi::Song build() const {
    midi::Song song = song_;
    std::sort(song.notes.begin(), song.notes.end(), [](const midi::Note& a, const midi::Note& b) {
      return std::tie(a.startTick, a.pitch, a.channel, a.track) <
             std::tie(b.startTick, b.pitch, b.channel, b.track);
    });
    song.trackCount = 1;
    for (const midi::Note& n : song.notes) song.endTick = std::max(song.endTick, n.endTick);
    return song;
  }

 private:
  midi::Song song_;
};

}  // namespace melodyvae::loops::testing
