// Beats-based clip notes to a Song.
#include "core/generation/clip.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>

namespace melodyvae::generation {

midi::Song clipToSong(std::span<const ClipNote> notes) {
  midi::Song song;
  song.format = 0;
  song.ticksPerQuarter = kClipTicksPerQuarter;
  song.trackCount = 1;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const ClipNote& note = notes[i];
    const std::string which = "clip note " + std::to_string(i + 1);
    if (note.pitch < 0 || note.pitch > 127) {
      throw std::invalid_argument(which + ": pitch " + std::to_string(note.pitch) + " is outside 0..127");
    }
    if (!(note.startBeats >= 0.0) || !std::isfinite(note.startBeats) || note.startBeats > 1e6) {
      throw std::invalid_argument(which + ": start " + std::to_string(note.startBeats) +
                                  " beats is not a time in the clip");
    }
    if (!(note.durationBeats >= 0.0) || !std::isfinite(note.durationBeats) || note.durationBeats > 1e6) {
      throw std::invalid_argument(which + ": length " + std::to_string(note.durationBeats) +
                                  " beats is not a length");
    }
    if (note.muted) continue;
    midi::Note out;
    out.startTick = std::llround(note.startBeats * kClipTicksPerQuarter);
    out.endTick = std::llround((note.startBeats + note.durationBeats) * kClipTicksPerQuarter);
    out.pitch = static_cast<std::uint8_t>(note.pitch);
    out.velocity = static_cast<std::uint8_t>(std::clamp(note.velocity, 1, 127));
    song.notes.push_back(out);
    song.endTick = std::max(song.endTick, out.endTick);
  }
  std::sort(song.notes.begin(), song.notes.end(), [](const midi::Note& a, const midi::Note& b) {
    return std::tie(a.startTick, a.pitch, a.channel, a.track) <
           std::tie(b.startTick, b.pitch, b.channel, b.track);
  });
  return song;
}

}  // namespace melodyvae::generation
