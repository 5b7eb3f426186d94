#!/usr/bin/env bash
# Builds MelodyVAE and runs its main job on the melodies bundled in data/melodies: reports what is in them,
# trains a model on their 2-bar loops (20 epochs, about 20 seconds on 2 cores), generates melodies from
# four points of the XY pad, places one bundled melody on it, interpolates between two, writes variations
# in the key of the training data, and draws the latent map and the loss plot. Everything it writes goes
# to demo-output/, and the last lines list it.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target melodyvae
melodyvae=./build/bin/melodyvae
melodies=data/melodies/freedoom_mono
out=demo-output
mkdir -p "$out"

"$melodyvae" inspect "$melodies" | tail -n 4
# Batch 16 rather than the recipe's 64: the bundled set is small (about 1,200 loops), and smaller batches
# take more steps per epoch, so 20 epochs are enough to learn onsets here.
"$melodyvae" train "$melodies" -o "$out/model.safetensors" --batch-size 16 --epochs 20 --seed 1 \
  --plot "$out/loss.svg"
for z in -1,-1 -1,1 1,-1 1,1; do
  "$melodyvae" generate "$out/model.safetensors" --z "$z" --seed 1 -o "$out/melody_z${z/,/_}.mid"
done
first=$(ls "$melodies" | grep -i '\.mid$' | sed -n 1p)
second=$(ls "$melodies" | grep -i '\.mid$' | sed -n 40p)
"$melodyvae" encode "$out/model.safetensors" "$melodies/$first"
# A morph from one bundled melody to another, and variations around the first kept in the training data's key.
"$melodyvae" interpolate "$out/model.safetensors" "$melodies/$first" "$melodies/$second" --steps 8 \
  -o "$out/interpolation"
"$melodyvae" variations "$out/model.safetensors" --like "$melodies/$first" --count 4 --spread 0.3 --key auto \
  --seed 1 -o "$out/variations"
"$melodyvae" map "$out/model.safetensors" -o "$out/map.svg"
"$melodyvae" map "$out/model.safetensors" -o "$out/map.png"
echo "demo: wrote into $out/:"
(cd "$out" && find . -type f | sort | xargs ls -l | awk '{ sub("^\\./", "", $NF); printf "  %-40s %9d bytes\n", $NF, $5 }')
