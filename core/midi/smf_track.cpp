// One track chunk's events: running status, channel messages, meta and sysex events.
#include "core/midi/smf_track.h"

#include <string>

namespace melodyvae::midi {
namespace {

constexpr std::uint8_t kMetaStatus = 0xFF;
constexpr std::uint8_t kSysexStatus = 0xF0;
constexpr std::uint8_t kSysexEscapeStatus = 0xF7;
constexpr std::uint8_t kMetaEndOfTrack = 0x2F;
constexpr std::uint8_t kMetaTempo = 0x51;
constexpr std::uint8_t kMetaTimeSignature = 0x58;
constexpr std::uint8_t kNoRunningStatus = 0;  // never a valid status byte

std::uint8_t readDataByte(ByteReader& reader, const char* what) {
  const std::uint8_t byte = reader.readU8(what);
  if (byte >= 0x80) {
    reader.fail(reader.offset() - 1,
                std::string("expected ") + what + " (a data byte 0..127), found " + hexByte(byte));
  }
  return byte;
}

// Reads the data bytes of a channel message and acts on notes; other channel messages are skipped.
void readChannelMessage(ByteReader& reader, std::uint8_t status, std::int64_t tick, TrackSink& sink,
                        std::size_t& unmatchedNoteOffs) {
  const std::uint8_t kind = status & 0xF0;
  const auto channel = static_cast<std::uint8_t>(status & 0x0F);
  if (kind == 0xC0 || kind == 0xD0) {  // program change, channel pressure: one data byte
    readDataByte(reader, "a channel message data byte");
    return;
  }
  if (kind != 0x80 && kind != 0x90) {  // key pressure, control change, pitch bend: two data bytes
    readDataByte(reader, "a channel message data byte");
    readDataByte(reader, "a channel message data byte");
    return;
  }
  const std::uint8_t pitch = readDataByte(reader, "a note number");
  const std::uint8_t velocity = readDataByte(reader, "a note velocity");
  if (kind == 0x90 && velocity > 0) {
    sink.notes.noteOn(tick, channel, pitch, velocity);
  } else if (!sink.notes.noteOff(tick, channel, pitch)) {
    ++unmatchedNoteOffs;
  }
}

// `start`: the offset of the event (its delta time), for warnings.
void readMetaEvent(ByteReader& reader, std::uint8_t type, std::int64_t tick, std::size_t start,
                   const std::string& trackName, TrackSink& sink) {
  const std::uint32_t length = reader.readVariableLength("a meta event length");
  const std::span<const std::uint8_t> data = reader.readBytes(length, "the meta event's data");
  if (type == kMetaTempo) {
    if (length != 3) {
      sink.warnings.add(trackName + ": tempo event at byte " + std::to_string(start) + " has " +
                        std::to_string(length) + " data bytes instead of 3; ignored");
      return;
    }
    const std::uint32_t microseconds =
        (std::uint32_t{data[0]} << 16) | (std::uint32_t{data[1]} << 8) | data[2];
    if (microseconds == 0) {
      sink.warnings.add(trackName + ": tempo of 0 microseconds per quarter at byte " + std::to_string(start) +
                        "; ignored");
      return;
    }
    sink.tempos.push_back({tick, microseconds});
  } else if (type == kMetaTimeSignature) {
    // nn dd cc bb: numerator, denominator as a power of two, clocks per click, 32nds per quarter.
    if (length < 2 || data[0] == 0 || data[1] > 7) {
      sink.warnings.add(trackName + ": unusable time signature at byte " + std::to_string(start) +
                        "; ignored");
      return;
    }
    sink.timeSignatures.push_back({tick, data[0], static_cast<std::uint8_t>(1u << data[1])});
  }
}

}  // namespace

std::int64_t readTrackEvents(ByteReader& reader, const TrackContext& context, TrackSink& sink) {
  const std::string trackName = "track " + std::to_string(context.index);
  sink.notes.beginTrack(context.index);
  std::int64_t tick = context.tickOffset;
  std::uint8_t runningStatus = kNoRunningStatus;
  std::size_t unmatchedNoteOffs = 0;
  bool ended = false;
  bool cutShort = false;

  while (!reader.atLimit()) {
    const std::size_t eventStart = reader.offset();
    try {
      const std::int64_t eventTick = tick + reader.readVariableLength("a delta time");
      std::uint8_t status = reader.peekU8("a status byte");
      if (status >= 0x80) {
        reader.readU8("a status byte");
      } else if (runningStatus == kNoRunningStatus) {
        reader.fail(reader.offset(),
                    "expected a status byte, found data byte " + hexByte(status) +
                        " with no running status in effect (meta and sysex events cancel it)");
      } else {
        status = runningStatus;
      }

      if (status < 0xF0) {
        runningStatus = status;
        readChannelMessage(reader, status, eventTick, sink, unmatchedNoteOffs);
      } else if (status == kMetaStatus) {
        runningStatus = kNoRunningStatus;
        const std::uint8_t type = reader.readU8("a meta event type");
        readMetaEvent(reader, type, eventTick, eventStart, trackName, sink);
        if (type == kMetaEndOfTrack) {
          tick = eventTick;
          ended = true;
          break;
        }
      } else if (status == kSysexStatus || status == kSysexEscapeStatus) {
        runningStatus = kNoRunningStatus;
        const std::uint32_t length = reader.readVariableLength("a sysex length");
        reader.readBytes(length, "the sysex event's data");
      } else {
        reader.fail(reader.offset() - 1,
                    "expected a channel, meta (0xFF) or sysex (0xF0, 0xF7) status byte, found " +
                        hexByte(status) + " (not allowed in a MIDI file)");
      }
      tick = eventTick;
    } catch (const EndOfDataError&) {
      if (!context.cutByEndOfFile) throw;
      sink.warnings.add(trackName + ": the file ends inside the event starting at byte " +
                        std::to_string(eventStart) + "; the track was read up to there (no end-of-track)");
      cutShort = true;
      break;
    }
  }

  if (!ended && !cutShort) {
    sink.warnings.add(trackName + ": missing end-of-track event; the track ends at byte " +
                      std::to_string(reader.offset()));
  }
  if (ended && !reader.atLimit() && !context.cutByEndOfFile) {
    sink.warnings.add(trackName + ": " + std::to_string(reader.remaining()) +
                      " bytes after the end-of-track event (from byte " + std::to_string(reader.offset()) +
                      ") ignored");
  }
  if (unmatchedNoteOffs > 0) {
    sink.warnings.add(trackName + ": " + std::to_string(unmatchedNoteOffs) +
                      " note-offs with no sounding note ignored");
  }
  const std::size_t hanging = sink.notes.closeAll(tick);
  if (hanging > 0) {
    sink.warnings.add(trackName + ": " + std::to_string(hanging) +
                      " notes still sounding at the end of the track were ended there (tick " +
                      std::to_string(tick) + ")");
  }
  return tick;
}

}  // namespace melodyvae::midi
