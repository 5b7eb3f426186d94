// Feature-by-feature comparison of two melody sets.
#include "core/evaluation/melody_sets.h"

#include <stdexcept>

#include "core/evaluation/melody_features.h"
#include "core/evaluation/set_distance.h"
#include "core/generation/generator.h"

namespace melodyvae::evaluation {
namespace {

double meanOf(const std::vector<double>& values) {
  double sum = 0;
  for (const double value : values) sum += value;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

}  // namespace

std::vector<FeatureComparison> compareMelodySets(std::span<const loops::Loop> reference,
                                                 std::span<const loops::Loop> generated, int lowestPitch) {
  if (reference.size() < 2 || generated.size() < 2) {
    throw std::invalid_argument("comparing melody sets needs at least 2 melodies in each");
  }
  std::vector<MelodyFeatures> ref, gen;
  for (const loops::Loop& loop : reference) ref.push_back(melodyFeatures(loop, lowestPitch));
  for (const loops::Loop& loop : generated) gen.push_back(melodyFeatures(loop, lowestPitch));
  std::vector<FeatureComparison> out;
  for (int feature = 0; feature < kFeatureCount; ++feature) {
    std::vector<std::vector<double>> a, b;
    for (const MelodyFeatures& f : ref) a.push_back(featureVector(f, feature));
    for (const MelodyFeatures& f : gen) b.push_back(featureVector(f, feature));
    FeatureComparison comparison;
    comparison.name = featureNames()[feature];
    if (a.front().size() == 1) {
      double sumA = 0, sumB = 0;
      for (const auto& v : a) sumA += v[0];
      for (const auto& v : b) sumB += v[0];
      comparison.referenceMean = sumA / static_cast<double>(a.size());
      comparison.generatedMean = sumB / static_cast<double>(b.size());
    }
    std::vector<double> intra = intraSetDistances(a);
    std::vector<double> inter = interSetDistances(a, b);
    comparison.intraMean = meanOf(intra);
    comparison.interMean = meanOf(inter);
    const DensityComparison densities =
        compareDensities(KernelDensity(std::move(intra)), KernelDensity(std::move(inter)));
    comparison.overlapArea = densities.overlapArea;
    comparison.klDivergence = densities.klDivergence;
    out.push_back(std::move(comparison));
  }
  return out;
}

std::vector<loops::Loop> generateFromPrior(vae::Vae& model, int count, std::uint64_t seed) {
  generation::Generator generator(model);
  vae::RandomNoise random(seed);
  const generation::GenerationSettings defaults;
  std::vector<loops::Loop> out(static_cast<std::size_t>(count));
  for (loops::Loop& loop : out) {
    const std::vector<float> z = generation::randomZ(generator.latentSize(), random);
    generator.generate(z, defaults, random, loop);
  }
  return out;
}

std::vector<loops::Loop> spreadSample(const corpus::LoopCorpus& corpus, std::size_t count) {
  std::vector<std::size_t> originals;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    if (corpus.source(i).transposition == 0) originals.push_back(i);
  }
  const std::size_t taken = std::min(count, originals.size());
  std::vector<loops::Loop> out;
  for (std::size_t k = 0; k < taken; ++k) {
    const std::span<const loops::LoopNote> loop = corpus.loop(originals[k * originals.size() / taken]);
    out.emplace_back(loop.begin(), loop.end());
  }
  return out;
}

}  // namespace melodyvae::evaluation
