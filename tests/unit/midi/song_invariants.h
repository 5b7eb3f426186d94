// What every Song the reader returns must satisfy, whatever the file was: checked after reading broken,
// random and real files.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "core/midi/song.h"

namespace melodyvae::midi::testing {

// An empty string when `song` is sound, else the first broken rule.
inline std::string songProblem(const Song& song) {
  for (std::size_t i = 0; i < song.notes.size(); ++i) {
    const Note& n = song.notes[i];
    const std::string name = "note " + std::to_string(i) + ": ";
    if (n.startTick < 0 || n.endTick < n.startTick) return name + "ticks out of order";
    if (n.endTick > song.endTick) return name + "ends after the song's endTick";
    if (n.pitch > 127 || n.channel > 15 || n.velocity == 0 || n.velocity > 127)
      return name + "field out of range";
    if (n.track >= song.trackCount) return name + "track index beyond trackCount";
    if (i > 0) {
      const Note& p = song.notes[i - 1];
      if (std::tie(p.startTick, p.pitch, p.channel, p.track) >
          std::tie(n.startTick, n.pitch, n.channel, n.track)) {
        return name + "not sorted";
      }
    }
  }
  for (std::size_t i = 0; i < song.tempos.size(); ++i) {
    if (song.tempos[i].microsecondsPerQuarter == 0) return "tempo " + std::to_string(i) + " is 0";
    if (song.tempos[i].tick < 0 || song.tempos[i].tick > song.endTick)
      return "tempo " + std::to_string(i) + " out of range";
    if (i > 0 && song.tempos[i - 1].tick > song.tempos[i].tick) return "tempos not sorted";
  }
  for (std::size_t i = 0; i < song.timeSignatures.size(); ++i) {
    const TimeSignature& s = song.timeSignatures[i];
    if (s.numerator == 0 || s.denominator == 0 || (s.denominator & (s.denominator - 1)) != 0) {
      return "time signature " + std::to_string(i) + " unusable";
    }
    if (i > 0 && song.timeSignatures[i - 1].tick > s.tick) return "time signatures not sorted";
  }
  if (song.ticksPerQuarter == 0 || song.ticksPerQuarter > 0x7FFF) return "ticksPerQuarter out of range";
  if (song.format > 2) return "format out of range";
  return {};
}

}  // namespace melodyvae::midi::testing
