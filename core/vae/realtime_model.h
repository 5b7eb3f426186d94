// The real-time path (the XY pad, live encoding): a snapshot of a Vae's eval-mode encoder and decoder,
// prepared once, then decoding one z or encoding one clip with no heap allocation, lock or log.
// Batch norm is folded into the dense weights, weights are stored input-major and, by default, in bfloat16.
#pragma once

#include <array>
#include <vector>

#include "core/nn/input_major_dense.h"
#include "core/vae/model_shape.h"
#include "core/vae/vae.h"

namespace melodyvae::vae {

struct RealtimeOptions {
  // bfloat16 halves the bytes read per decode; outputs then differ from Vae::decode by a few 1e-3
  // (tests/unit/perf/realtime_model_test.cpp states and checks the bounds). kFloat32 differs only by
  // rounding.
  nn::WeightPrecision precision = nn::WeightPrecision::kBFloat16;
  nn::KernelChoice kernel = nn::KernelChoice::kAuto;
};

// Not thread-safe (one set of scratch buffers); use one RealtimeModel per real-time thread. A snapshot:
// later changes to the Vae (training, bending, loading) need prepare() again.
class RealtimeModel {
 public:
  RealtimeModel() = default;
  explicit RealtimeModel(const Vae& model, RealtimeOptions options = {});

  // Takes the Vae's current weights and batch-norm running averages. Allocates (call it off the real-time
  // thread); decodeOne / encodeOne never do.
  void prepare(const Vae& model, RealtimeOptions options = {});
  bool prepared() const { return prepared_; }
  const ModelShape& shape() const { return shape_; }
  const RealtimeOptions& options() const { return options_; }
  // Bytes of weights one decodeOne reads.
  std::size_t decoderWeightBytes() const;

  // z [latent] -> four planes [cells] each (onset, velocity, duration after sigmoid; offset after tanh),
  // as Vae::decode with count 1. Must be prepared (checked only by assert: no throwing on this path).
  void decodeOne(const float* z, std::array<float*, 4> planesOut) noexcept;
  // Four planes [cells] each (one clip, as in PlaneBatch) -> encoder mean [latent], as Vae::encodeMean.
  void encodeOne(std::array<const float*, 4> planes, float* meanOut) noexcept;

 private:
  bool prepared_ = false;
  ModelShape shape_;
  RealtimeOptions options_;
  // Decoder.
  nn::InputMajorDense decoderInput_;  // latent -> decoderHidden, batch norm folded in
  nn::InputMajorDense branches_;      // decoderHidden -> 4 * branchHidden (four branches side by side)
  std::array<nn::InputMajorDense, 4> outputs_;  // branchHidden -> cells
  std::vector<float> hidden_;                   // [decoderHidden]
  std::vector<float> branchOut_;                // [4 * branchHidden]
  // Encoder.
  std::array<nn::InputMajorDense, 4> encoderPlanes_;  // cells -> planeHidden, batch norm folded in
  nn::InputMajorDense merge_;                         // 4 * planeHidden -> mergeHidden, batch norm folded in
  nn::InputMajorDense mean_;                          // mergeHidden -> latent
  std::vector<float> concat_;                         // [4 * planeHidden]
  std::vector<float> encoded_;                        // [mergeHidden]
};

}  // namespace melodyvae::vae
