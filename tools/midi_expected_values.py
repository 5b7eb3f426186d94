#!/usr/bin/python3
"""Reference values for the C++ SMF reader's functional test, computed with mido (an independent reader).

Reads tests/data/mono/*.mid and tests/data/multitrack/*.mid and writes tests/data/midi/expected_values.json.
Run with Debian's python (it has python3-mido):  /usr/bin/python3 tools/midi_expected_values.py

mido only decodes messages; the pairing of note-ons and note-offs into notes is done here with the rules of
docs/midi-reading.md, so that both sides count the same notes:
  - a note-on with velocity > 0 starts a note; a note-off, or a note-on with velocity 0, ends the oldest
    sounding note of the same (channel, pitch) in the same track (first in, first out); a note-off with no
    sounding note is ignored;
  - notes still sounding when their track ends are ended at the track's last tick;
  - all channels count, drums (channel 10) included;
  - format 2: each track starts at the tick where the previous one ended (tracks played in sequence).
Tempos and time signatures come from every track, sorted by tick (stable: track order, then file order).
"""
import collections
import json
import pathlib
import sys

import mido

REPO = pathlib.Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
OUTPUT = DATA / "midi" / "expected_values.json"
FOLDERS = ("mono", "multitrack")


def overlapping(notes):
    """How many notes start while an earlier one of the same (track, channel, pitch) has not ended."""
    latest_end = {}
    count = 0
    for start, end, pitch, _velocity, channel, track in notes:  # sorted by start
        key = (track, channel, pitch)
        if key in latest_end and latest_end[key] > start:
            count += 1
        latest_end[key] = max(latest_end.get(key, end), end)
    return count


def file_values(path):
    midi = mido.MidiFile(str(path))
    notes = []       # (start, end, pitch, velocity, channel, track)
    tempos = []      # (tick, track, position, microseconds per quarter)
    signatures = []  # (tick, track, position, numerator, denominator)
    end_tick = 0
    offset = 0
    for track_index, track in enumerate(midi.tracks):
        tick = offset
        sounding = collections.defaultdict(collections.deque)  # (channel, pitch) -> deque of (start, velocity)
        for position, message in enumerate(track):
            tick += message.time
            if message.type == "note_on" and message.velocity > 0:
                sounding[(message.channel, message.note)].append((tick, message.velocity))
            elif message.type in ("note_off", "note_on"):
                queue = sounding[(message.channel, message.note)]
                if queue:
                    start, velocity = queue.popleft()
                    notes.append((start, tick, message.note, velocity, message.channel, track_index))
            elif message.type == "set_tempo":
                tempos.append((tick, track_index, position, message.tempo))
            elif message.type == "time_signature":
                signatures.append((tick, track_index, position, message.numerator, message.denominator))
        for (channel, pitch), queue in sounding.items():
            for start, velocity in queue:
                notes.append((start, tick, pitch, velocity, channel, track_index))
        end_tick = max(end_tick, tick)
        if midi.type == 2:
            offset = tick

    notes.sort(key=lambda n: (n[0], n[2], n[4], n[5], n[1], n[3]))
    tempos.sort(key=lambda t: t[:3])
    signatures.sort(key=lambda s: s[:3])
    per_channel = [0] * 16
    for note in notes:
        per_channel[note[4]] += 1
    return {
        "format": midi.type,
        "ticks_per_beat": midi.ticks_per_beat,
        "track_count": len(midi.tracks),
        "note_count": len(notes),
        "notes_per_channel": per_channel,
        "tempos": [[t[0], t[3]] for t in tempos],
        "time_signatures": [[s[0], s[3], s[4]] for s in signatures],
        "first_note_start": notes[0][0] if notes else None,
        "last_note_start": notes[-1][0] if notes else None,
        "last_note_end": max(n[1] for n in notes) if notes else None,
        "end_tick": end_tick,
        # Sums over all notes: a cheap fingerprint that catches a note with a wrong field.
        "start_tick_sum": sum(n[0] for n in notes),
        "end_tick_sum": sum(n[1] for n in notes),
        "pitch_sum": sum(n[2] for n in notes),
        "velocity_sum": sum(n[3] for n in notes),
        # Sums that change when notes are paired differently (they do not change when ends are swapped).
        "duration_squared_sum": sum((n[1] - n[0]) ** 2 for n in notes),
        "end_times_velocity_sum": sum(n[1] * n[3] for n in notes),
        # Notes that start while another of the same track, channel and pitch still sounds: the pairing rule
        # decides their ends.
        "overlapping_notes": overlapping(notes),
    }


def to_json(document):
    """Indented objects, but every value (lists included) on one line, so that the file diffs well."""
    def dump(value, depth):
        if not isinstance(value, dict):
            return json.dumps(value)
        pad = " " * (depth + 1)
        items = [f"{pad}{json.dumps(key)}: {dump(item, depth + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    return dump(document, 0) + "\n"


def main():
    files = {}
    for folder in FOLDERS:
        for path in sorted((DATA / folder).glob("*.mid")):
            files[f"{folder}/{path.name}"] = file_values(path)
    document = {
        "generated_by": "tools/midi_expected_values.py",
        "reference": f"mido {mido.__version__} (python {sys.version.split()[0]})",
        "files": files,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(to_json(document))
    print(f"wrote {OUTPUT.relative_to(REPO)}: {len(files)} files, "
          f"{sum(f['note_count'] for f in files.values())} notes")


if __name__ == "__main__":
    main()
