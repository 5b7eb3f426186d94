#!/usr/bin/env bash
# The portable code paths on a 64-bit ARM CPU, as Apple Silicon runs them: cross-builds the tests for
# aarch64 (static executables, cmake/aarch64-linux-gnu.cmake) and runs them under qemu-user-static.
# On ARM the AVX2 kernels are not built, so every product, decode and Adam step takes the portable path.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-aarch64
start=$SECONDS
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DCMAKE_BUILD_TYPE=Release \
  -DMELODYVAE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" 2>&1 | grep -v "statically linked applications requires at runtime" |
  grep -E "error|warning|Built target melodyvae$" || true
built=$((SECONDS - start))
# Excluded: Learning.* trains a real model for many epochs (4 s natively, past 120 s under emulation); it
# tests learning, not portability, and runs natively in the main job. Everything else runs.
echo "aarch64: excluded Learning.* (a full training run: past 120 s under emulation; runs natively)"
status=0
ctest --test-dir "$build" -j "$(nproc)" --timeout 300 -E '^Learning\.' --output-on-failure >"$build/ctest.log" 2>&1 ||
  status=$?
grep -E "tests passed|tests failed|\*\*\*Failed|\*\*\*Timeout|Not Run|Skipped" "$build/ctest.log" || true
if ((status != 0)); then tail -n 60 "$build/ctest.log"; fi
passed=$(grep -c " Passed " "$build/ctest.log" || true)
failed=$(grep -cE "\*\*\*(Failed|Timeout|Exception)" "$build/ctest.log" || true)
skipped=$(grep -cE " Skipped | Not Run " "$build/ctest.log" || true)
echo "aarch64 under qemu: $passed passed, $failed failed, $skipped skipped (+ Learning.* excluded, above);" \
  "build $built s, tests $((SECONDS - start - built)) s"
exit "$status"
