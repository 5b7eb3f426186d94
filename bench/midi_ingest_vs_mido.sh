#!/bin/sh
# Ingest throughput of our SMF reader beside mido's, on the same folder in the same run: files/s and
# notes/s for reading every .mid file (from the page cache) and pairing its notes, and the ratio.
#   bench/midi_ingest_vs_mido.sh [FOLDER] [MIN_SECONDS]
# FOLDER defaults to ../shared/data beside the repo. The benchmark binary is taken from $MELODYVAE_BENCH,
# else build/bin/bench_midi_ingest; build it with `cmake --build build --target bench_midi_ingest`.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
folder=${1:-$repo/../shared/data}
seconds=${2:-3}
bench=${MELODYVAE_BENCH:-$repo/build/bin/bench_midi_ingest}
python=/usr/bin/python3  # Debian's python, which has python3-mido

if [ ! -x "$bench" ]; then
  echo "error: no benchmark binary at $bench (build the bench_midi_ingest target or set MELODYVAE_BENCH)" >&2
  exit 2
fi
if [ ! -d "$folder" ]; then
  echo "error: '$folder' is not a folder" >&2
  exit 2
fi

ours=$("$bench" "$folder" "$seconds" | grep -v '^warning: ')
mido=$("$python" - "$folder" "$seconds" <<'PY'
# The mido equivalent of bench_midi_ingest: parse each file, pair note-ons and note-offs first in, first
# out per (track, channel, pitch), close hanging notes at the track's end, count the notes.
import collections, pathlib, sys, time
import mido

folder, min_seconds = pathlib.Path(sys.argv[1]), float(sys.argv[2])
files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".mid", ".midi") and p.is_file())

def count_notes(path):
    notes = 0
    for track in mido.MidiFile(str(path)).tracks:
        sounding = collections.defaultdict(int)
        for message in track:
            if message.type == "note_on" and message.velocity > 0:
                sounding[(message.channel, message.note)] += 1
            elif message.type in ("note_on", "note_off") and sounding[(message.channel, message.note)] > 0:
                sounding[(message.channel, message.note)] -= 1
                notes += 1
        notes += sum(sounding.values())
    return notes

def read_all():
    total, failures = 0, 0
    for path in files:
        try:
            total += count_notes(path)
        except Exception:
            failures += 1
    return total, failures

notes, failures = read_all()  # also warms the page cache
start, passes = time.perf_counter(), 0
while True:
    read_all()
    passes += 1
    elapsed = time.perf_counter() - start
    if elapsed >= min_seconds:
        break
print(f"files: {len(files)} ({failures} unreadable), notes: {notes}")
print(f"passes: {passes} in {elapsed:.3f} s")
print(f"mido files/s: {len(files) * passes / elapsed:.1f}")
print(f"mido notes/s: {notes * passes / elapsed:.0f}")
print(f"mido version: {mido.__version__}")
PY
)

value() { printf "%s\n" "$1" | sed -n "s|^$2: *||p" | head -n 1; }
echo "folder: $folder"
echo "ours: $(value "$ours" 'files') ; $(value "$ours" 'passes')"
echo "mido: $(value "$mido" 'files') ; $(value "$mido" 'passes') ; mido $(value "$mido" 'mido version')"
ours_files=$(value "$ours" 'melodyvae files/s'); mido_files=$(value "$mido" 'mido files/s')
ours_notes=$(value "$ours" 'melodyvae notes/s'); mido_notes=$(value "$mido" 'mido notes/s')
printf '%-10s %16s %16s %10s\n' "" "melodyvae" "mido" "ratio"
printf '%-10s %16s %16s %9sx\n' "files/s" "$ours_files" "$mido_files" "$(echo "$ours_files $mido_files" | awk '{printf "%.1f", $1 / $2}')"
printf '%-10s %16s %16s %9sx\n' "notes/s" "$ours_notes" "$mido_notes" "$(echo "$ours_notes $mido_notes" | awk '{printf "%.1f", $1 / $2}')"
