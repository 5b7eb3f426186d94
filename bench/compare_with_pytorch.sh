#!/usr/bin/env bash
# Times our engine (bench/vae_speed.cpp) and the same model in PyTorch (bench/torch_vae.py) side by side:
# the two alternate, several repetitions at 2 threads and at 1 thread, then prints each side's median and
# the ratio ours / PyTorch. Builds nothing.
#   bench/compare_with_pytorch.sh [VAE_SPEED_BINARY] [REPETITIONS]
# Defaults: build/bin/vae_speed, 3 repetitions. PyTorch: Debian's /usr/bin/python3 with OpenBLAS (OpenMP
# build) selected through LD_LIBRARY_PATH, as its users would run it.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-$here/../build/bin/vae_speed}"
repetitions="${2:-3}"
batches="16,32,64,128,256"
python=/usr/bin/python3
openblas="/usr/lib/$(gcc -dumpmachine)/openblas-openmp"

[[ -x "$binary" ]] || { echo "compare_with_pytorch.sh: no vae_speed binary at '$binary' (build target vae_speed, or pass its path)" >&2; exit 2; }
[[ -d "$openblas" ]] || { echo "compare_with_pytorch.sh: '$openblas' missing (apt-get install libopenblas0-openmp)" >&2; exit 2; }
"$python" -c "import torch" 2>/dev/null || { echo "compare_with_pytorch.sh: $python cannot import torch (apt-get install python3-torch)" >&2; exit 2; }

results="$(mktemp)"
trap 'rm -f "$results"' EXIT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, flags:$(grep -m1 -o -w -E 'avx2|fma|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared: figures are medians)"
echo "ours: $binary; peer: $("$python" -c 'import torch; print("torch", torch.__version__)') with OpenBLAS ($openblas)"

for ((rep = 1; rep <= repetitions; ++rep)); do
  for threads in 2 1; do
    # Batch sizes at 1 thread: 64 only (the target's batch), to keep the run short.
    list="$batches"; [[ $threads == 1 ]] && list=64
    echo "repetition $rep/$repetitions, $threads thread(s): ours, then PyTorch" >&2
    echo "ours $threads $("$binary" --threads "$threads" --batches "$list")" >>"$results"
    echo "torch $threads $(OMP_NUM_THREADS=$threads LD_LIBRARY_PATH="$openblas" "$python" "$here/torch_vae.py" \
      --threads "$threads" --batches "$list")" >>"$results"
  done
done

"$python" - "$results" <<'EOF'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    side, threads, payload = line.split(" ", 2)
    runs.setdefault((side, int(threads)), []).append(json.loads(payload))

def median(side, threads, key):
    values = [r[key] for r in runs.get((side, threads), []) if key in r]
    return statistics.median(values) if values else None

rows = []  # (label, threads, our key, torch key)
for threads in (2, 1):
    batches = [64] if threads == 1 else [16, 32, 64, 128, 256]
    for b in batches:
        rows.append((f"training step, batch {b} (incl. Adam)", threads, f"train_step_batch{b}_us", f"train_step_batch{b}_us"))
    rows += [("decode one z, real-time path (bf16)", threads, "decode_one_realtime_bf16_us", "decode_one_us"),
             ("decode one z, real-time path (float32)", threads, "decode_one_realtime_f32_us", "decode_one_us"),
             ("decode one z, batch path Vae::decode", threads, "decode_one_vae_us", "decode_one_us"),
             ("encode one clip, real-time path (bf16)", threads, "encode_one_realtime_bf16_us", "encode_one_us"),
             ("encode one clip, batch path Vae::encodeMean", threads, "encode_one_vae_us", "encode_one_us"),
             ("decode 16x16 grid (256 z), Vae::decode", threads, "decode_grid256_us", "decode_grid256_us")]
count = len(runs.get(("ours", 2), []))
print(f"\nmedians of {count} alternating runs per side (microseconds); ratio = ours / PyTorch (< 1: we are faster)")
print(f"| {'what':46} | thr | {'ours us':>10} | {'PyTorch us':>10} | {'ratio':>6} |")
print(f"|{'-' * 48}|-----|{'-' * 12}|{'-' * 12}|{'-' * 8}|")
for label, threads, ours_key, torch_key in rows:
    ours, torch_ = median("ours", threads, ours_key), median("torch", threads, torch_key)
    if ours is None or torch_ is None:
        continue
    print(f"| {label:46} | {threads:3} | {ours:10.1f} | {torch_:10.1f} | {ours / torch_:6.3f} |")
kernel = runs[("ours", 2)][0].get("vector_kernel", "?")
print(f"\nour real-time kernel: {kernel}; our peak RSS in the speed run: {median('ours', 2, 'peak_rss_mb'):.0f} MB")
EOF
