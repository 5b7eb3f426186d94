// Loop -> notes -> Song.
#include "core/loops/loop_to_notes.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/loops/duration.h"

namespace melodyvae::loops {

std::vector<midi::Note> loopToNotes(std::span<const LoopNote> loop, const NoteRenderOptions& options) {
  if (options.ticksPerQuarter <= 0) {
    throw std::invalid_argument("ticks per quarter must be positive, got " +
                                std::to_string(options.ticksPerQuarter));
  }
  if (options.lowestPitch < 0 || options.lowestPitch + kRows - 1 > 127) {
    throw std::invalid_argument("lowest pitch " + std::to_string(options.lowestPitch) + " is outside 0..104");
  }
  const double ticksPerStep = options.ticksPerQuarter / static_cast<double>(kStepsPerQuarter);
  std::vector<midi::Note> notes;
  notes.reserve(loop.size());
  for (const LoopNote& cell : loop) {
    const double offsetSteps =
        decodeOffset(cell.offset) * options.offsetScale / 2.0;  // offset is in half steps
    const std::int64_t start = options.startTick + std::llround((cell.step + offsetSteps) * ticksPerStep);
    const double steps = denormalizeDuration(decodeNormalizedDuration(cell.duration));
    const std::int64_t length = std::max<std::int64_t>(1, std::llround(steps * ticksPerStep));
    midi::Note note;
    note.startTick = std::max<std::int64_t>(0, start);
    note.endTick = note.startTick + length;
    note.pitch = static_cast<std::uint8_t>(options.lowestPitch + cell.row);
    note.velocity = static_cast<std::uint8_t>(std::clamp(int{cell.velocity}, 1, 127));
    note.channel = options.channel;
    note.track = options.track;
    notes.push_back(note);
  }
  std::sort(notes.begin(), notes.end(), [](const midi::Note& a, const midi::Note& b) {
    return std::tie(a.startTick, a.pitch, a.channel, a.track) <
           std::tie(b.startTick, b.pitch, b.channel, b.track);
  });
  return notes;
}

midi::Song loopToSong(std::span<const LoopNote> loop, const NoteRenderOptions& options,
                      double beatsPerMinute) {
  if (!(beatsPerMinute > 0.0) || !std::isfinite(beatsPerMinute)) {
    throw std::invalid_argument("tempo must be a positive number of beats per minute");
  }
  midi::Song song;
  song.format = 0;
  song.ticksPerQuarter = static_cast<std::uint16_t>(std::clamp(options.ticksPerQuarter, 1, 0x7FFF));
  if (song.ticksPerQuarter != options.ticksPerQuarter) {
    throw std::invalid_argument("ticks per quarter " + std::to_string(options.ticksPerQuarter) +
                                " does not fit a MIDI file's division (1..32767)");
  }
  song.trackCount = 1;
  song.notes = loopToNotes(loop, options);
  const double microseconds = std::clamp(60'000'000.0 / beatsPerMinute, 1.0, 16'777'215.0);  // 24-bit field
  song.tempos.push_back({0, static_cast<std::uint32_t>(std::lround(microseconds))});
  song.timeSignatures.push_back({0, 4, 4});
  song.endTick = options.startTick + std::int64_t{kSteps} * options.ticksPerQuarter / kStepsPerQuarter;
  for (const midi::Note& note : song.notes) song.endTick = std::max(song.endTick, note.endTick);
  return song;
}

}  // namespace melodyvae::loops
