// The sizes and constants of the network; recorded in every model file.
#pragma once

namespace melodyvae::vae {

struct ModelShape {
  int cells = 768;           // values per plane: 24 rows x 32 steps
  int planeHidden = 512;     // encoder Dense(cells -> planeHidden) per plane
  int mergeHidden = 512;     // encoder Dense(4 * planeHidden -> mergeHidden)
  int latent = 2;            // z size: 2 for the XY pad
  int decoderHidden = 1024;  // decoder Dense(latent -> decoderHidden)
  int branchHidden = 512;    // per-plane decoder Dense(decoderHidden -> branchHidden) -> Dense(-> cells)
  float dropout = 0.2f;
  float leakySlope = 0.3f;
  float batchNormMomentum = 0.99f;  // Keras convention: running = momentum * running + (1 - momentum) * batch
  float batchNormEpsilon = 1e-3f;
  // Loss weights (docs/design.md).
  float onsetWeight = 1.0f;
  float velocityWeight = 2.5f;
  float durationWeight = 2.5f;
  float offsetWeight = 5.0f;
};

}  // namespace melodyvae::vae
