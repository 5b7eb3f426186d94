// libFuzzer target for the SMF reader: any input must give a MidiError or a sound Song, and a Song that
// the writer accepts must read back with the same notes, tempo map, time signatures and end.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "core/midi/smf_reader.h"
#include "core/midi/smf_writer.h"

namespace {

using melodyvae::midi::Note;
using melodyvae::midi::Song;

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "broken invariant: %s\n", what);
    std::abort();
  }
}

void checkSound(const Song& song) {
  for (std::size_t i = 0; i < song.notes.size(); ++i) {
    const Note& n = song.notes[i];
    check(n.startTick >= 0 && n.endTick >= n.startTick && n.endTick <= song.endTick, "note ticks");
    check(n.pitch <= 127 && n.channel <= 15 && n.velocity >= 1 && n.velocity <= 127, "note fields");
    check(n.track < song.trackCount, "note track");
    if (i > 0) {
      const Note& p = song.notes[i - 1];
      check(std::tie(p.startTick, p.pitch, p.channel, p.track) <=
                std::tie(n.startTick, n.pitch, n.channel, n.track),
            "notes sorted");
    }
  }
  for (std::size_t i = 1; i < song.tempos.size(); ++i)
    check(song.tempos[i - 1].tick <= song.tempos[i].tick, "tempos sorted");
  check(song.ticksPerQuarter >= 1 && song.ticksPerQuarter <= 0x7FFF, "division");
}

std::vector<Note> withoutTracks(std::vector<Note> notes) {
  for (Note& n : notes) n.track = 0;
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.startTick, a.pitch, a.channel, a.endTick, a.velocity) <
           std::tie(b.startTick, b.pitch, b.channel, b.endTick, b.velocity);
  });
  return notes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Song song;
  try {
    song = melodyvae::midi::parseSmf(std::span<const std::uint8_t>(data, size), "fuzz.mid");
  } catch (const melodyvae::midi::MidiError&) {
    return 0;
  }
  checkSound(song);
  std::vector<std::uint8_t> written;
  try {
    written = melodyvae::midi::encodeSmf(song);
  } catch (const std::invalid_argument&) {
    return 0;  // e.g. a gap of more than 0x0FFFFFFF ticks, which an SMPTE conversion can produce
  }
  const Song back = melodyvae::midi::parseSmf(written, "written.mid");
  check(back.warnings.empty(), "written file read without warnings");
  check(withoutTracks(back.notes) == withoutTracks(song.notes), "notes survive a round trip");
  check(back.tempos == song.tempos && back.timeSignatures == song.timeSignatures, "tempo map survives");
  check(back.endTick == song.endTick, "end survives");
  return 0;
}
