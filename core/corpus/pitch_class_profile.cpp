// Pitch-class durations of a corpus.
#include "core/corpus/pitch_class_profile.h"

#include "core/loops/duration.h"
#include "core/loops/loop.h"

namespace melodyvae::corpus {

music::PitchClassWeights pitchClassDurations(const LoopCorpus& corpus) {
  music::PitchClassWeights weights{};
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    if (corpus.source(i).transposition != 0) continue;
    for (const loops::LoopNote& note : corpus.loop(i)) {
      const int pitchClass = ((corpus.lowestPitch() + note.row) % 12 + 12) % 12;
      weights[pitchClass] += loops::denormalizeDuration(loops::decodeNormalizedDuration(note.duration));
    }
  }
  return weights;
}

}  // namespace melodyvae::corpus
