// The real-time path (the XY pad, live encoding): a snapshot of a Vae's eval-mode encoder and decoder,
// prepared once, then decoding one z or encoding one clip with no heap allocation, lock or log.
// Batch norm is folded into the dense weights, weights are stored input-major and, by default, in bfloat16.
//
// The decoder's first hidden layer is affine in z, so the product after its leaky ReLU is affine in z
// piecewise (core/vae/linear_pieces.h): a decode reads only the rows of the units where z's piece differs
// from the nearest stored one. The four branches then run as four parts on the caller and one partner
// thread.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "core/nn/input_major_dense.h"
#include "core/nn/partner_thread.h"
#include "core/vae/linear_pieces.h"
#include "core/vae/model_shape.h"
#include "core/vae/vae.h"

namespace melodyvae::vae {

struct RealtimeOptions {
  // bfloat16 halves the bytes read per decode; outputs then differ from Vae::decode by a few 1e-3
  // (tests/unit/perf/realtime_model_test.cpp states and checks the bounds). kFloat32 differs only by
  // rounding.
  nn::WeightPrecision precision = nn::WeightPrecision::kBFloat16;
  nn::KernelChoice kernel = nn::KernelChoice::kAuto;
  // Threads a decode uses, the caller included: 1, or 2 (a partner thread per RealtimeModel, which watches
  // for the next decode for 200 us and then sleeps). Capped by the machine's hardware threads. Results do
  // not depend on it.
  int threads = 2;
};

// Not thread-safe (one set of scratch buffers); use one RealtimeModel per real-time thread. A snapshot:
// later changes to the Vae (training, bending, loading) need prepare() again. Movable, not copyable.
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
  // Threads decodeOne uses (options().threads, capped by the hardware).
  int decodeThreads() const { return partner_ ? 2 : 1; }
  // Units of the decoder's first hidden layer whose rows the last decodeOne read (at most half of them;
  // see above), for tests and benchmarks.
  int lastDecodeRows() const { return rowCount_; }

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
  // Branch p of decodeOne: its first layer from the chosen piece and listed rows, then its output layer and
  // head.
  void decodeBranch(int p) noexcept;

  nn::InputMajorDense decoderInput_;             // latent -> decoderHidden (h before the leaky ReLU), float32
  std::array<nn::InputMajorDense, 4> branches_;  // decoderHidden -> branchHidden, batch norm folded in
  LinearPieces pieces_;  // over every branch's first layer, side by side (4 * branchHidden outputs)
  std::array<nn::InputMajorDense, 4> outputs_;  // branchHidden -> cells
  std::unique_ptr<nn::PartnerThread> partner_;  // when decodeThreads() == 2
  // Per decode: h, the chosen piece, the units off it and their values, z and where the planes go.
  std::vector<float> hidden_;     // [decoderHidden]
  std::vector<int> rows_;         // [decoderHidden], the first rowCount_ used
  std::vector<float> rowValues_;  // [decoderHidden]
  int rowCount_ = 0;
  int piece_ = 0;
  const float* z_ = nullptr;
  std::vector<float> branchOut_;  // [4 * branchHidden]
  std::array<float*, 4> planesOut_{};
  // Encoder.
  std::array<nn::InputMajorDense, 4> encoderPlanes_;  // cells -> planeHidden, batch norm folded in
  nn::InputMajorDense merge_;                         // 4 * planeHidden -> mergeHidden, batch norm folded in
  nn::InputMajorDense mean_;                          // mergeHidden -> latent
  std::vector<float> concat_;                         // [4 * planeHidden]
  std::vector<float> encoded_;                        // [mergeHidden]
};

}  // namespace melodyvae::vae
