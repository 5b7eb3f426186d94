// The SMF reader: the header chunk, the walk over track and unknown chunks, format 2 sequencing, SMPTE
// conversion and the final ordering of notes, tempos and time signatures.
#include "core/midi/smf_reader.h"

#include <algorithm>
#include <tuple>

#include "core/common/atomic_file.h"
#include "core/midi/byte_reader.h"
#include "core/midi/note_pairing.h"
#include "core/midi/smf_track.h"
#include "core/midi/smpte_time.h"
#include "core/midi/warning_list.h"

namespace melodyvae::midi {
namespace {

constexpr std::uint64_t kMaxFileBytes = std::uint64_t{256} << 20;
constexpr std::size_t kChunkHeaderBytes = 8;

bool isChunkId(std::span<const std::uint8_t> id, const char* name) {
  return std::equal(id.begin(), id.end(), name);
}

bool isPrintableAscii(std::span<const std::uint8_t> id) {
  return std::all_of(id.begin(), id.end(), [](std::uint8_t c) { return c >= 0x20 && c < 0x7F; });
}

// "'MTrk'" for a readable id, "bytes 00 FF 2F 00" otherwise.
std::string describeChunkId(std::span<const std::uint8_t> id) {
  std::string text;
  if (isPrintableAscii(id)) {
    text.push_back('\'');
    text.append(id.begin(), id.end());
    text.push_back('\'');
    return text;
  }
  text = "bytes";
  for (const std::uint8_t byte : id) {
    text.push_back(' ');
    text.append(hexByte(byte), 2, 2);
  }
  return text;
}

struct Division {
  std::uint16_t ticksPerQuarter = 0;  // 0 for SMPTE
  std::uint8_t framesPerSecond = 0;   // SMPTE only: 24, 25, 29 (29.97) or 30
  std::uint8_t ticksPerFrame = 0;
};

Division readDivision(ByteReader& reader) {
  const std::size_t offset = reader.offset();
  const std::uint16_t division = reader.readU16BE("the time division");
  Division result;
  if ((division & 0x8000) == 0) {
    if (division == 0) reader.fail(offset, "expected a division of 1..32767 ticks per quarter note, found 0");
    result.ticksPerQuarter = division;
    return result;
  }
  // The high byte is minus the frame rate in two's complement.
  const int framesPerSecond = 256 - (division >> 8);
  const auto ticksPerFrame = static_cast<std::uint8_t>(division & 0xFF);
  if (framesPerSecond != 24 && framesPerSecond != 25 && framesPerSecond != 29 && framesPerSecond != 30) {
    reader.fail(offset, "expected an SMPTE division of 24, 25, 29 or 30 frames per second, found " +
                            std::to_string(framesPerSecond));
  }
  if (ticksPerFrame == 0)
    reader.fail(offset + 1, "expected an SMPTE division of at least 1 tick per frame, found 0");
  result.framesPerSecond = static_cast<std::uint8_t>(framesPerSecond);
  result.ticksPerFrame = ticksPerFrame;
  return result;
}

struct Header {
  std::uint16_t format = 0;
  std::uint16_t declaredTracks = 0;
  Division division;
};

Header readHeader(ByteReader& reader, WarningList& warnings) {
  if (reader.remaining() < 4) {
    reader.fail(0, "expected the 'MThd' header chunk, found " +
                       (reader.size() == 0 ? std::string("an empty file")
                                           : "only " + std::to_string(reader.size()) + " bytes"));
  }
  const std::span<const std::uint8_t> id = reader.readBytes(4, "the 'MThd' header chunk");
  if (!isChunkId(id, "MThd")) {
    const bool riff = isChunkId(id, "RIFF");
    reader.fail(
        0, "expected the 'MThd' header chunk, found " + describeChunkId(id) +
               (riff ? " (a RIFF MIDI file: extract the Standard MIDI File from its 'data' chunk)" : ""));
  }
  const std::uint32_t length = reader.readU32BE("the header chunk's length");
  if (length < 6)
    reader.fail(4, "expected a header chunk length of at least 6, found " + std::to_string(length));
  if (length > reader.remaining()) {
    reader.fail(4, "expected a header chunk length that fits in the file (" +
                       std::to_string(reader.remaining()) + " bytes follow), found " +
                       std::to_string(length));
  }
  Header header;
  header.format = reader.readU16BE("the file format");
  if (header.format > 2) reader.fail(8, "expected format 0, 1 or 2, found " + std::to_string(header.format));
  header.declaredTracks = reader.readU16BE("the track count");
  header.division = readDivision(reader);
  reader.seek(reader.offset() + (length - 6));  // the standard lets later versions add header fields
  if (header.format == 0 && header.declaredTracks != 1) {
    warnings.add("format 0 file declares " + std::to_string(header.declaredTracks) + " tracks instead of 1");
  }
  return header;
}

void sortSong(Song& song) {
  std::sort(song.notes.begin(), song.notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.startTick, a.pitch, a.channel, a.track, a.endTick, a.velocity) <
           std::tie(b.startTick, b.pitch, b.channel, b.track, b.endTick, b.velocity);
  });
  // Stable: at one tick, events keep track order, then their order within the track (the last one wins).
  std::stable_sort(song.tempos.begin(), song.tempos.end(),
                   [](const TempoChange& a, const TempoChange& b) { return a.tick < b.tick; });
  std::stable_sort(song.timeSignatures.begin(), song.timeSignatures.end(),
                   [](const TimeSignature& a, const TimeSignature& b) { return a.tick < b.tick; });
}

}  // namespace

Song parseSmf(std::span<const std::uint8_t> bytes, const std::string& fileName) {
  ByteReader reader(bytes, fileName);
  Song song;
  WarningList warnings(song.warnings);
  const Header header = readHeader(reader, warnings);

  NotePairer pairer(song.notes);
  TrackSink sink{pairer, song.tempos, song.timeSignatures, warnings};
  std::uint16_t tracksRead = 0;
  std::int64_t formatTwoOffset = 0;  // format 2: each track starts where the previous one ended
  bool guessingChunkStart = false;   // the previous track's length was wrong: is a chunk really here?
  while (tracksRead < header.declaredTracks && !reader.atLimit()) {
    // Too little left for a chunk header: reported below as bytes after the last track.
    if (reader.remaining() < kChunkHeaderBytes) break;
    const std::size_t chunkStart = reader.offset();
    const std::span<const std::uint8_t> id = reader.readBytes(4, "a chunk id");
    const std::uint32_t declaredLength = reader.readU32BE("a chunk length");
    const std::size_t dataStart = reader.offset();
    const bool overruns = declaredLength > reader.remaining();
    const std::size_t dataLength = overruns ? reader.remaining() : declaredLength;
    const std::string overrun = overruns ? "its length " + std::to_string(declaredLength) + " runs " +
                                               std::to_string(declaredLength - dataLength) +
                                               " bytes past the end of the file"
                                         : "";
    if (isChunkId(id, "MTrk")) {
      if (overruns) {
        warnings.add("track " + std::to_string(tracksRead) + " (byte " + std::to_string(chunkStart) +
                     "): " + overrun + "; read to the end of the data");
      }
      reader.setLimit(dataStart + dataLength);
      const TrackContext context{tracksRead, header.format == 2 ? formatTwoOffset : 0, overruns};
      const std::int64_t trackEnd = readTrackEvents(reader, context, sink);
      const std::size_t trackStop = reader.offset();
      reader.setLimit(reader.size());
      // A length that overruns the file but an end-of-track before the end: the length was wrong rather
      // than the file cut short, and the next chunk most likely follows the end-of-track.
      guessingChunkStart = overruns && trackStop < reader.size();
      reader.seek(guessingChunkStart ? trackStop : dataStart + dataLength);
      song.endTick = std::max(song.endTick, trackEnd);
      formatTwoOffset = trackEnd;
      ++tracksRead;
    } else if (isPrintableAscii(id)) {
      warnings.add("unknown chunk " + describeChunkId(id) + " at byte " + std::to_string(chunkStart) +
                   " skipped" + (overruns ? " (" + overrun + ")" : ""));
      reader.seek(dataStart + dataLength);
      guessingChunkStart = false;
    } else if (guessingChunkStart) {
      reader.seek(chunkStart);  // not a chunk after all: reported below as bytes after the last track
      break;
    } else {
      reader.fail(chunkStart, "expected an 'MTrk' chunk, found " + describeChunkId(id));
    }
  }
  if (tracksRead < header.declaredTracks) {
    warnings.add("the header declares " + std::to_string(header.declaredTracks) +
                 " tracks but the file holds " + std::to_string(tracksRead));
  }
  if (!reader.atLimit()) {
    warnings.add(std::to_string(reader.remaining()) + " bytes after the last track (from byte " +
                 std::to_string(reader.offset()) + ") ignored");
  }
  warnings.finish();

  song.format = header.format;
  song.trackCount = tracksRead;
  song.ticksPerQuarter = header.division.ticksPerQuarter;
  sortSong(song);
  if (header.division.framesPerSecond != 0) {
    convertSmpteTicks(song, header.division.framesPerSecond, header.division.ticksPerFrame);
    sortSong(song);  // notes a few SMPTE ticks apart may now share a tick: restore the pitch order
  }
  return song;
}

Song readSmfFile(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = readWholeFile(path, kMaxFileBytes);
  return parseSmf(bytes, path.string());
}

}  // namespace melodyvae::midi
