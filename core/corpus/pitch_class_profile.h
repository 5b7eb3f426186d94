// How long each pitch class sounds across a corpus, the input of key finding (core/music/key_finding.h).
#pragma once

#include "core/corpus/loop_corpus.h"
#include "core/music/key_finding.h"

namespace melodyvae::corpus {

// Summed note lengths in sixteenth steps per pitch class (pitch = lowestPitch + row), over the loops as
// they were in their files: transposed copies added by augmentation are left out, since they would smear
// every key over its neighbours.
music::PitchClassWeights pitchClassDurations(const LoopCorpus& corpus);

}  // namespace melodyvae::corpus
