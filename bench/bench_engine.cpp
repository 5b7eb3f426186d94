// The engine's hot paths for the default model (docs/design.md): one training step at batch 64 (forward,
// backward and the Adam update), one single-z decode, one decode-and-select (what `generate` and the XY
// pad run), one single-clip encode, and a 16 x 16 grid of decodes. Inputs are like real loops: about 3%
// of cells hold an onset. bench/torch_vae.py times the same model in PyTorch.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "core/generation/generator.h"
#include "core/nn/adam.h"
#include "core/vae/vae.h"

namespace {

using melodyvae::vae::ModelShape;
using melodyvae::vae::PlaneBatch;
using melodyvae::vae::Vae;

// Four planes [batch, 768] each, ~3% onsets, values only where there is an onset.
struct SparsePlanes {
  std::vector<float> values;  // [4, batch, 768]
  PlaneBatch batch;

  explicit SparsePlanes(int size, std::uint64_t seed)
      : values(4 * static_cast<std::size_t>(size) * 768, 0.0f) {
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    const std::size_t plane = static_cast<std::size_t>(size) * 768;
    for (std::size_t i = 0; i < plane; ++i) {
      if (unit(engine) >= 0.03f) continue;
      values[i] = 1.0f;
      values[plane + i] = unit(engine);
      values[2 * plane + i] = unit(engine);
      values[3 * plane + i] = 2.0f * unit(engine) - 1.0f;
    }
    batch.size = size;
    for (std::size_t p = 0; p < 4; ++p) batch.planes[p] = values.data() + p * plane;
  }
};

void trainStep(benchmark::State& state) {
  const int batchSize = static_cast<int>(state.range(0));
  Vae model(ModelShape{}, 1);
  model.reserve(batchSize);
  melodyvae::nn::Adam adam(model.parameters().size());
  melodyvae::vae::RandomNoise noise(2);
  const SparsePlanes planes(batchSize, 3);
  for (auto _ : state) {
    const melodyvae::vae::LossParts loss = model.trainStep(planes.batch, 1.0f, noise);
    adam.step(model.parameters(), model.gradients(), 1e-3f);
    benchmark::DoNotOptimize(loss.total);
  }
  state.counters["loops/s"] = benchmark::Counter(
      static_cast<double>(batchSize) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["parameters"] = static_cast<double>(model.parameters().size());
}
BENCHMARK(trainStep)->Arg(64)->Unit(benchmark::kMillisecond)->UseRealTime();

void decodeOne(benchmark::State& state) {
  Vae model(ModelShape{}, 1);
  model.reserve(1);
  std::vector<float> out(4 * 768);
  const float z[2] = {0.3f, -0.7f};
  for (auto _ : state) {
    model.decode(z, 1, {out.data(), out.data() + 768, out.data() + 1536, out.data() + 2304});
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(decodeOne)->Unit(benchmark::kMicrosecond)->UseRealTime();

void generateOne(benchmark::State& state) {
  Vae model(ModelShape{}, 1);
  melodyvae::generation::Generator generator(model);
  melodyvae::vae::RandomNoise random(4);
  melodyvae::loops::Loop loop;
  loop.reserve(768);
  melodyvae::generation::GenerationSettings settings;
  settings.selection.threshMin = 0.0f;
  settings.noise = 0.1f;
  const std::vector<float> z = {0.3f, -0.7f};
  for (auto _ : state) {
    generator.generate(z, settings, random, loop);
    benchmark::DoNotOptimize(loop.data());
  }
}
BENCHMARK(generateOne)->Unit(benchmark::kMicrosecond)->UseRealTime();

void encodeOne(benchmark::State& state) {
  Vae model(ModelShape{}, 1);
  model.reserve(1);
  const SparsePlanes clip(1, 5);
  float mean[2];
  for (auto _ : state) {
    model.encodeMean(clip.batch, mean);
    benchmark::DoNotOptimize(mean);
  }
}
BENCHMARK(encodeOne)->Unit(benchmark::kMicrosecond)->UseRealTime();

void decodeGrid256(benchmark::State& state) {
  Vae model(ModelShape{}, 1);
  model.reserve(256);
  std::vector<float> z(2 * 256);
  for (int i = 0; i < 256; ++i) {
    z[2 * static_cast<std::size_t>(i)] = -2.0f + 4.0f * static_cast<float>(i / 16) / 15.0f;
    z[2 * static_cast<std::size_t>(i) + 1] = -2.0f + 4.0f * static_cast<float>(i % 16) / 15.0f;
  }
  std::vector<float> out(4 * 256 * 768);
  const std::size_t plane = 256 * 768;
  for (auto _ : state) {
    model.decode(z.data(), 256,
                 {out.data(), out.data() + plane, out.data() + 2 * plane, out.data() + 3 * plane});
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(decodeGrid256)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
