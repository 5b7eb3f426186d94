// The engine's speed and memory for the default model, printed as one JSON object (medians in
// microseconds), the peer of bench/torch_vae.py; bench/compare_with_pytorch.sh runs the two alternately.
//   vae_speed [--batches 16,32,64,128,256] [--threads 2] [--repetitions 20] [--training-only]
//                                                         speed of every hot path
//   vae_speed --epoch LOOPS [--epochs 1] [--threads 2]    the trainer (core/training) on LOOPS synthetic
//                                                         loops: epoch time and peak resident memory
// Inputs are like real loops: ~3% of cells (monophonic, ~10-16 notes a loop) hold an onset.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/corpus/loop_corpus.h"
#include "core/nn/adam.h"
#include "core/nn/input_major_dense.h"
#include "core/nn/worker_pool.h"
#include "core/training/trainer.h"
#include "core/vae/realtime_model.h"
#include "core/vae/vae.h"

namespace {

using namespace melodyvae;
using Clock = std::chrono::steady_clock;

double microsecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// The median of `repetitions` timed calls after `warmup` untimed ones; the fastest call into *fastest
// (on a shared machine the minimum moves less than the median between runs: use it for A/B comparisons).
template <typename Function>
double medianMicroseconds(Function&& function, int repetitions, int warmup = 3, double* fastest = nullptr) {
  for (int i = 0; i < warmup; ++i) function();
  std::vector<double> samples;
  for (int i = 0; i < repetitions; ++i) {
    const Clock::time_point start = Clock::now();
    function();
    samples.push_back(microsecondsSince(start));
  }
  std::sort(samples.begin(), samples.end());
  if (fastest != nullptr) *fastest = samples.front();
  const std::size_t n = samples.size();
  return n % 2 == 1 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
}

// A random loop like a melody: 8-16 notes on distinct steps, one row each.
loops::Loop syntheticLoop(std::mt19937_64& engine) {
  std::uniform_int_distribution<int> noteCount(8, 16);
  std::uniform_int_distribution<int> row(0, loops::kRows - 1);
  std::uniform_int_distribution<int> velocity(30, 127);
  std::uniform_int_distribution<int> duration(2000, 65535);
  std::uniform_int_distribution<int> offset(-6000, 6000);
  std::vector<int> steps(loops::kSteps);
  for (int s = 0; s < loops::kSteps; ++s) steps[static_cast<std::size_t>(s)] = s;
  std::shuffle(steps.begin(), steps.end(), engine);
  loops::Loop loop;
  const int count = noteCount(engine);
  for (int i = 0; i < count; ++i) {
    loops::LoopNote note;
    note.row = static_cast<std::uint8_t>(row(engine));
    note.step = static_cast<std::uint8_t>(steps[static_cast<std::size_t>(i)]);
    note.velocity = static_cast<std::uint8_t>(velocity(engine));
    note.duration = static_cast<std::uint16_t>(duration(engine));
    note.offset = static_cast<std::int16_t>(offset(engine));
    loop.push_back(note);
  }
  std::sort(loop.begin(), loop.end(), loops::stepThenRow);
  return loop;
}

corpus::LoopCorpus syntheticCorpus(std::size_t loopCount, std::uint64_t seed) {
  corpus::LoopCorpus corpus;
  corpus.reserve(loopCount, loopCount * 12);
  std::mt19937_64 engine(seed);
  for (std::size_t i = 0; i < loopCount; ++i) corpus.add(syntheticLoop(engine));
  return corpus;
}

// Four planes [batch, 768] expanded from synthetic loops.
struct Planes {
  std::vector<float> values;  // [4, batch, 768]
  vae::PlaneBatch batch;
  Planes(const corpus::LoopCorpus& corpus, std::size_t first, int size)
      : values(4 * static_cast<std::size_t>(size) * loops::kCells, 0.0f) {
    std::vector<std::size_t> indices(static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < indices.size(); ++i) indices[i] = (first + i) % corpus.size();
    const std::size_t plane = static_cast<std::size_t>(size) * loops::kCells;
    corpus.expandBatch(indices, values.data(), values.data() + plane, values.data() + 2 * plane,
                       values.data() + 3 * plane);
    batch.size = size;
    for (std::size_t p = 0; p < 4; ++p) batch.planes[p] = values.data() + p * plane;
  }
};

std::vector<int> parseList(const std::string& text) {
  std::vector<int> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) values.push_back(std::stoi(item));
  return values;
}

long peakResidentKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

struct Json {
  std::string text = "{";
  void add(const std::string& key, double value) {
    char number[64];
    std::snprintf(number, sizeof number, "%.6g", value);
    field(key, number);
  }
  void add(const std::string& key, const std::string& value) { field(key, "\"" + value + "\""); }
  void field(const std::string& key, const std::string& value) {
    if (text.size() > 1) text += ", ";
    text += "\"" + key + "\": " + value;
  }
  std::string done() const { return text + "}"; }
};

void speed(const std::vector<int>& batches, int threads, int repetitions, bool trainingOnly, Json& json) {
  nn::setWorkerThreads(threads);
  const corpus::LoopCorpus corpus = syntheticCorpus(1024, 7);
  vae::Vae model(vae::ModelShape{}, 1);
  nn::Adam adam(model.parameters().size());
  vae::RandomNoise noise(2);
  json.add("threads", threads);
  json.add("parameters", static_cast<double>(model.parameters().size()));
  for (const int batch : batches) {
    const Planes planes(corpus, 0, batch);
    model.reserve(batch);
    // The step as the trainer should run it: Adam fused into the backward pass (Vae::trainStep with an
    // optimizer, the same result as trainStep then Adam::step); the separate form beside it.
    double fastest = 0;
    const double step = medianMicroseconds([&] { model.trainStep(planes.batch, 1.0f, noise, adam, 1e-3f); },
                                           repetitions, 3, &fastest);
    json.add("train_step_batch" + std::to_string(batch) + "_us", step);
    json.add("train_step_batch" + std::to_string(batch) + "_min_us", fastest);
    const double separate = medianMicroseconds(
        [&] {
          model.trainStep(planes.batch, 1.0f, noise);
          adam.step(model.parameters(), model.gradients(), 1e-3f);
        },
        repetitions);
    json.add("train_step_separate_adam_batch" + std::to_string(batch) + "_us", separate);
    const double adamOnly =
        medianMicroseconds([&] { adam.step(model.parameters(), model.gradients(), 1e-3f); }, repetitions);
    json.add("adam_batch" + std::to_string(batch) + "_us", adamOnly);
  }

  if (trainingOnly) return;
  // Single z and single clip: the plain engine (Vae) and the real-time snapshot.
  const float z[2] = {0.3f, -0.7f};
  std::vector<float> out(4 * loops::kCells);
  const std::array<float*, 4> planesOut = {out.data(), out.data() + 768, out.data() + 1536,
                                           out.data() + 2304};
  model.reserve(256);
  json.add("decode_one_vae_us", medianMicroseconds([&] { model.decode(z, 1, planesOut); }, repetitions * 20));
  const Planes clip(corpus, 5, 1);
  std::vector<float> mean(2);
  json.add("encode_one_vae_us",
           medianMicroseconds([&] { model.encodeMean(clip.batch, mean.data()); }, repetitions * 20));
  // The real-time decode's cost depends on z (core/vae/linear_pieces.h): it cycles through 101 points drawn
  // from the prior, N(0, 1) per axis, as a musician's XY pad would give.
  std::vector<float> pads;
  std::mt19937_64 padEngine(11);
  std::normal_distribution<float> standard(0.0f, 1.0f);
  for (int i = 0; i < 2 * 101; ++i) pads.push_back(standard(padEngine));
  std::size_t padIndex = 0;
  auto nextZ = [&] {
    padIndex = (padIndex + 2) % pads.size();
    return pads.data() + padIndex;
  };
  for (const auto precision :
       {nn::WeightPrecision::kInt8, nn::WeightPrecision::kBFloat16, nn::WeightPrecision::kFloat32}) {
    for (const auto kernel : {nn::KernelChoice::kAuto, nn::KernelChoice::kPortable}) {
      if (kernel == nn::KernelChoice::kPortable && !nn::vectorKernelAvailable()) continue;
      vae::RealtimeModel realtime(model, {precision, kernel, threads});
      const std::string name = std::string(precision == nn::WeightPrecision::kInt8       ? "int8"
                                           : precision == nn::WeightPrecision::kBFloat16 ? "bf16"
                                                                                         : "f32") +
                               (kernel == nn::KernelChoice::kPortable ? "_portable" : "");
      json.add("decode_one_realtime_" + name + "_us",
               medianMicroseconds([&] { realtime.decodeOne(nextZ(), planesOut); }, repetitions * 50));
      json.add(
          "encode_one_realtime_" + name + "_us",
          medianMicroseconds([&] { realtime.encodeOne(clip.batch.planes, mean.data()); }, repetitions * 50));
    }
  }
  {
    // The real-time decode on the caller's thread alone (the default uses a partner thread as well).
    vae::RealtimeModel single(model, {nn::WeightPrecision::kBFloat16, nn::KernelChoice::kAuto, 1});
    json.add("decode_one_realtime_bf16_1thread_us",
             medianMicroseconds([&] { single.decodeOne(nextZ(), planesOut); }, repetitions * 50));
  }
  // A 16 x 16 grid of z in [-2, 2]^2, decoded as one batch.
  std::vector<float> grid;
  for (int i = 0; i < 16; ++i) {
    for (int j = 0; j < 16; ++j) {
      grid.push_back(-2.0f + 4.0f * static_cast<float>(i) / 15.0f);
      grid.push_back(-2.0f + 4.0f * static_cast<float>(j) / 15.0f);
    }
  }
  std::vector<float> gridOut(4 * 256 * loops::kCells);
  const std::size_t plane = 256 * loops::kCells;
  const std::array<float*, 4> gridPlanes = {gridOut.data(), gridOut.data() + plane,
                                            gridOut.data() + 2 * plane, gridOut.data() + 3 * plane};
  json.add("decode_grid256_us",
           medianMicroseconds([&] { model.decode(grid.data(), 256, gridPlanes); }, repetitions));
  json.add("peak_rss_mb", static_cast<double>(peakResidentKilobytes()) / 1024.0);
}

void epoch(std::size_t loopCount, int epochs, int threads, Json& json) {
  nn::setWorkerThreads(threads);
  const Clock::time_point loadStart = Clock::now();
  const corpus::LoopCorpus corpus = syntheticCorpus(loopCount, 11);
  json.add("loops", static_cast<double>(loopCount));
  json.add("threads", threads);
  json.add("corpus_mb", static_cast<double>(corpus.memoryBytes()) / 1048576.0);
  json.add("corpus_seconds", microsecondsSince(loadStart) * 1e-6);
  json.add("rss_after_corpus_mb", static_cast<double>(peakResidentKilobytes()) / 1024.0);
  training::TrainingConfig config;
  config.maxEpochs = epochs;
  const training::TrainingResult result = training::train(corpus, vae::ModelShape{}, config);
  json.add("epochs", static_cast<double>(result.history.size()));
  json.add("steps", static_cast<double>(result.steps));
  json.add("train_loops", static_cast<double>(result.trainLoops));
  json.add("validation_loops", static_cast<double>(result.validationLoops));
  json.add("seconds", result.seconds);
  json.add("seconds_per_epoch",
           result.seconds / static_cast<double>(std::max<std::size_t>(1, result.history.size())));
  json.add("ms_per_step_incl_validation",
           1e3 * result.seconds / static_cast<double>(std::max<std::int64_t>(1, result.steps)));
  json.add("peak_rss_mb", static_cast<double>(peakResidentKilobytes()) / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> batches = {16, 32, 64, 128, 256};
  int threads = 2;
  int repetitions = 20;
  std::size_t epochLoops = 0;
  int epochs = 1;
  bool trainingOnly = false;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--batches") {
        batches = parseList(value());
      } else if (arg == "--threads") {
        threads = std::stoi(value());
      } else if (arg == "--repetitions") {
        repetitions = std::stoi(value());
      } else if (arg == "--epoch") {
        epochLoops = static_cast<std::size_t>(std::stoull(value()));
      } else if (arg == "--training-only") {
        trainingOnly = true;
      } else if (arg == "--epochs") {
        epochs = std::stoi(value());
      } else {
        throw std::invalid_argument("unknown argument '" + arg + "' (see the top of bench/vae_speed.cpp)");
      }
    }
    Json json;
    json.add("vector_kernel", nn::vectorKernelAvailable() ? "avx2+fma" : "portable");
    if (epochLoops > 0) {
      epoch(epochLoops, epochs, threads, json);
    } else {
      speed(batches, threads, repetitions, trainingOnly, json);
    }
    std::printf("%s\n", json.done().c_str());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "vae_speed: %s\n", error.what());
    return 1;
  }
  return 0;
}
