#!/usr/bin/env bash
# Builds MelodyVAE and runs its main job on the melodies bundled in data/melodies.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DMELODYVAE_BUILD_TESTS=OFF -DMELODYVAE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build -j "$(nproc)" --target melodyvae
./build/bin/melodyvae inspect data/melodies/freedoom_mono
