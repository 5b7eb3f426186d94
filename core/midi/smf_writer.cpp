// The SMF writer: validation, the conductor track, note tracks ordered so that first-in first-out
// reading gives back the same notes, and the atomic file write.
#include "core/midi/smf_writer.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/common/atomic_file.h"
#include "core/midi/byte_reader.h"
#include "core/midi/byte_writer.h"

namespace melodyvae::midi {
namespace {

constexpr std::uint8_t kNoteOffVelocity = 64;  // the "no velocity sensing" default of the MIDI spec

struct Event {
  std::int64_t tick = 0;
  // 0: note-offs of notes that started earlier; 1: note-ons, each zero-length note's off right after its on.
  int group = 0;
  std::size_t order = 0;            // position within the group at one tick
  std::vector<std::uint8_t> bytes;  // status and data (channel event) or FF type length data (meta)
};

std::string noteName(std::size_t index) {
  return "note " + std::to_string(index);
}

void validate(const Song& song) {
  if (song.ticksPerQuarter == 0 || song.ticksPerQuarter > 0x7FFF) {
    throw std::invalid_argument("ticksPerQuarter " + std::to_string(song.ticksPerQuarter) +
                                " is not 1..32767");
  }
  for (std::size_t i = 0; i < song.notes.size(); ++i) {
    const Note& note = song.notes[i];
    if (note.pitch > 127)
      throw std::invalid_argument(noteName(i) + ": pitch " + std::to_string(note.pitch) + " is not 0..127");
    if (note.channel > 15)
      throw std::invalid_argument(noteName(i) + ": channel " + std::to_string(note.channel) +
                                  " is not 0..15");
    if (note.velocity == 0 || note.velocity > 127) {
      throw std::invalid_argument(noteName(i) + ": velocity " + std::to_string(note.velocity) +
                                  " is not 1..127");
    }
    if (note.startTick < 0 || note.endTick < note.startTick) {
      throw std::invalid_argument(noteName(i) + ": ticks " + std::to_string(note.startTick) + ".." +
                                  std::to_string(note.endTick) + " are negative or end before they start");
    }
  }
  for (std::size_t i = 0; i < song.tempos.size(); ++i) {
    const TempoChange& tempo = song.tempos[i];
    if (tempo.tick < 0 || tempo.microsecondsPerQuarter == 0 || tempo.microsecondsPerQuarter > 0xFFFFFF) {
      throw std::invalid_argument("tempo " + std::to_string(i) + ": " +
                                  std::to_string(tempo.microsecondsPerQuarter) +
                                  " microseconds per quarter at tick " + std::to_string(tempo.tick) +
                                  " cannot be written (1..16777215 at a tick >= 0)");
    }
  }
  for (std::size_t i = 0; i < song.timeSignatures.size(); ++i) {
    const TimeSignature& signature = song.timeSignatures[i];
    const unsigned denominator = signature.denominator;
    if (signature.tick < 0 || signature.numerator == 0 || denominator == 0 ||
        (denominator & (denominator - 1)) != 0) {
      throw std::invalid_argument(
          "time signature " + std::to_string(i) + ": " + std::to_string(signature.numerator) + "/" +
          std::to_string(denominator) + " at tick " + std::to_string(signature.tick) +
          " cannot be written (numerator >= 1, denominator a power of two, tick >= 0)");
    }
  }
}

std::uint8_t log2(unsigned powerOfTwo) {
  std::uint8_t exponent = 0;
  while ((1u << exponent) < powerOfTwo) ++exponent;
  return exponent;
}

// Sorts the events and appends the chunk, with an end-of-track at max(last event, endTick).
void appendTrack(std::vector<std::uint8_t>& out, std::vector<Event>& events, std::int64_t endTick) {
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.tick, a.group, a.order) < std::tie(b.tick, b.group, b.order);
  });
  std::vector<std::uint8_t> data;
  data.reserve(events.size() * 4 + 4);
  std::int64_t tick = 0;
  const auto appendDelta = [&](std::int64_t eventTick) {
    const std::int64_t delta = eventTick - tick;
    if (delta > std::int64_t{kMaxVariableLengthValue}) {
      throw std::invalid_argument("a gap of " + std::to_string(delta) + " ticks before tick " +
                                  std::to_string(eventTick) +
                                  " exceeds the largest SMF delta time 0x0FFFFFFF");
    }
    appendVariableLength(data, static_cast<std::uint32_t>(delta));
    tick = eventTick;
  };
  for (const Event& event : events) {
    appendDelta(event.tick);
    data.insert(data.end(), event.bytes.begin(), event.bytes.end());
  }
  appendDelta(std::max(tick, endTick));
  data.insert(data.end(), {0xFF, 0x2F, 0x00});

  appendChunkId(out, "MTrk");
  if (data.size() > 0xFFFFFFFFu) throw std::invalid_argument("a track longer than 4 GiB cannot be written");
  appendU32BE(out, static_cast<std::uint32_t>(data.size()));
  out.insert(out.end(), data.begin(), data.end());
}

std::vector<Event> conductorEvents(const Song& song) {
  std::vector<Event> events;
  // Time signatures first at a shared tick; each list keeps its own order (the stable sort sees to it).
  for (std::size_t i = 0; i < song.timeSignatures.size(); ++i) {
    const TimeSignature& signature = song.timeSignatures[i];
    // nn dd cc bb: 24 MIDI clocks per metronome click, 8 32nd notes per quarter (the usual values).
    events.push_back(
        {signature.tick, 0, i, {0xFF, 0x58, 0x04, signature.numerator, log2(signature.denominator), 24, 8}});
  }
  for (std::size_t i = 0; i < song.tempos.size(); ++i) {
    const std::uint32_t us = song.tempos[i].microsecondsPerQuarter;
    events.push_back({song.tempos[i].tick,
                      1,
                      i,
                      {0xFF, 0x51, 0x03, static_cast<std::uint8_t>(us >> 16),
                       static_cast<std::uint8_t>((us >> 8) & 0xFF), static_cast<std::uint8_t>(us & 0xFF)}});
  }
  return events;
}

// Notes of one track. In start order (ties: earlier end first), a note-off at the tick of a later note-on
// comes first, and a zero-length note's off follows its own on, so first-in first-out reading pairs each
// off with the note it belongs to.
std::vector<Event> noteEvents(std::vector<Note> notes) {
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.startTick, a.endTick, a.channel, a.pitch, a.velocity) <
           std::tie(b.startTick, b.endTick, b.channel, b.pitch, b.velocity);
  });
  std::vector<Event> events;
  events.reserve(notes.size() * 2);
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const Note& note = notes[i];
    const bool zeroLength = note.endTick == note.startTick;
    events.push_back({note.startTick,
                      1,
                      2 * i,
                      {static_cast<std::uint8_t>(0x90 | note.channel), note.pitch, note.velocity}});
    events.push_back({note.endTick,
                      zeroLength ? 1 : 0,
                      zeroLength ? 2 * i + 1 : i,
                      {static_cast<std::uint8_t>(0x80 | note.channel), note.pitch, kNoteOffVelocity}});
  }
  return events;
}

}  // namespace

std::vector<std::uint8_t> encodeSmf(const Song& song) {
  validate(song);
  std::map<std::uint16_t, std::vector<Note>> tracks;  // ascending Note::track
  for (const Note& note : song.notes) tracks[note.track].push_back(note);
  if (tracks.size() > 0xFFFE) throw std::invalid_argument("more than 65534 note tracks cannot be written");

  std::vector<std::uint8_t> out;
  appendChunkId(out, "MThd");
  appendU32BE(out, 6);
  appendU16BE(out, 1);  // format 1: simultaneous tracks
  appendU16BE(out, static_cast<std::uint16_t>(1 + tracks.size()));
  appendU16BE(out, song.ticksPerQuarter);

  std::vector<Event> conductor = conductorEvents(song);
  appendTrack(out, conductor, song.endTick);
  for (auto& [index, notes] : tracks) {
    std::vector<Event> events = noteEvents(std::move(notes));
    appendTrack(out, events, 0);
  }
  return out;
}

void writeSmfFile(const std::filesystem::path& path, const Song& song) {
  writeFileAtomically(path, encodeSmf(song));
}

}  // namespace melodyvae::midi
