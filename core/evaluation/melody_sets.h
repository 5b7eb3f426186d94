// How close generated melodies are to the training melodies, feature by feature (Yang & Lerch 2018; see
// melody_features.h and set_distance.h): for each feature the intra-set distances of the training sample,
// the inter-set distances between generated and training melodies, their overlapped area and the KL
// divergence of the inter-set density from the intra-set one. Higher overlap and lower KL: closer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/corpus/loop_corpus.h"
#include "core/loops/loop.h"
#include "core/vae/vae.h"

namespace melodyvae::evaluation {

struct FeatureComparison {
  std::string name;
  std::optional<double> referenceMean, generatedMean;  // scalar features only: their mean per set
  double intraMean = 0;                                // mean intra-set distance of the reference
  double interMean = 0;                                // mean inter-set distance
  double overlapArea = 0;                              // of the intra-set and inter-set densities
  double klDivergence = 0;                             // KL(intra-set || inter-set), nats
};

// Throws std::invalid_argument when either set has fewer than 2 melodies.
std::vector<FeatureComparison> compareMelodySets(std::span<const loops::Loop> reference,
                                                 std::span<const loops::Loop> generated, int lowestPitch);

// `count` melodies decoded from z drawn from N(0, 1) (seeded), with generate's defaults.
std::vector<loops::Loop> generateFromPrior(vae::Vae& model, int count, std::uint64_t seed);

// Up to `count` loops of `corpus` (transposed copies left out), evenly spaced through it when it holds more.
std::vector<loops::Loop> spreadSample(const corpus::LoopCorpus& corpus, std::size_t count);

}  // namespace melodyvae::evaluation
