// Conversion of SMPTE ticks (time) to ticks per quarter note (beats) through a tempo map.
#include "core/midi/smpte_time.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace melodyvae::midi {
namespace {

// A stretch of constant tempo: from `smpteStart`, each SMPTE tick is `quarterTicksPerSmpteTick` new ticks.
struct Segment {
  std::int64_t smpteStart = 0;
  double quarterStart = 0.0;  // unrounded, so that rounding errors do not add up over many tempo changes
  double quarterTicksPerSmpteTick = 0.0;
};

// Far beyond any real file; keeps llround in range when a broken file has absurd ticks.
constexpr double kLargestTick = 4.0e18;

class SmpteToQuarterTicks {
 public:
  SmpteToQuarterTicks(const std::vector<TempoChange>& tempos, std::uint8_t framesPerSecond,
                      std::uint8_t ticksPerFrame) {
    // SMPTE ticks per second = numerator / denominator (29 means 29.97 = 30000/1001 frames per second).
    const double numerator = framesPerSecond == 29 ? 30000.0 * ticksPerFrame
                                                   : static_cast<double>(framesPerSecond) * ticksPerFrame;
    const double denominator = framesPerSecond == 29 ? 1001.0 : 1.0;
    const auto rate = [&](std::uint32_t microsecondsPerQuarter) {
      return kSmpteTicksPerQuarter * 1.0e6 * denominator / (numerator * microsecondsPerQuarter);
    };
    segments_.push_back({0, 0.0, rate(500000)});
    for (const TempoChange& tempo : tempos) {
      Segment& last = segments_.back();
      if (tempo.tick == last.smpteStart) {  // a later change at the same tick wins
        last.quarterTicksPerSmpteTick = rate(tempo.microsecondsPerQuarter);
        continue;
      }
      const double start = exact(tempo.tick);
      segments_.push_back({tempo.tick, start, rate(tempo.microsecondsPerQuarter)});
    }
  }

  std::int64_t operator()(std::int64_t smpteTick) const {
    return std::llround(std::clamp(exact(smpteTick), 0.0, kLargestTick));
  }

 private:
  double exact(std::int64_t smpteTick) const {
    auto after = std::upper_bound(segments_.begin(), segments_.end(), smpteTick,
                                  [](std::int64_t tick, const Segment& s) { return tick < s.smpteStart; });
    const Segment& segment = *std::prev(after);  // the first segment starts at 0 <= every tick
    return segment.quarterStart +
           static_cast<double>(smpteTick - segment.smpteStart) * segment.quarterTicksPerSmpteTick;
  }

  std::vector<Segment> segments_;
};

}  // namespace

void convertSmpteTicks(Song& song, std::uint8_t framesPerSecond, std::uint8_t ticksPerFrame) {
  const SmpteToQuarterTicks convert(song.tempos, framesPerSecond, ticksPerFrame);
  for (Note& note : song.notes) {
    note.startTick = convert(note.startTick);
    note.endTick = convert(note.endTick);
  }
  for (TempoChange& tempo : song.tempos) tempo.tick = convert(tempo.tick);
  for (TimeSignature& signature : song.timeSignatures) signature.tick = convert(signature.tick);
  song.endTick = convert(song.endTick);
  song.ticksPerQuarter = kSmpteTicksPerQuarter;
}

}  // namespace melodyvae::midi
