// Writing a set of generated loops (an interpolation, variations) into a folder: one MIDI file per loop
// and one holding them all one after another, to audition in a single clip.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "core/generation/generator.h"
#include "core/generation/latent_points.h"
#include "core/loops/loop.h"

namespace melodyvae::cli {

// Checks `folder` for -o: creates it when missing (its parent must exist) and checks it can take files.
// CommandError naming `option` and the folder otherwise.
void prepareOutputFolder(const std::string& folder, const std::string& option);

// Writes loops[i] to folder/<prefix>_01.mid, _02.mid, ... (numbered with as many digits as the count
// needs) and all of them in order to folder/<prefix>.mid, each atomically. Returns the paths written, the
// single file last. A write failure is a CommandError naming the file.
std::vector<std::string> writeLoopSet(const std::string& folder, const std::string& prefix,
                                      std::span<const loops::Loop> loops,
                                      const generation::RenderSettings& render);

// Decodes each point with `settings` into its loop (noise is drawn from `random` only when settings ask).
std::vector<loops::Loop> decodePoints(vae::Vae& model, std::span<const generation::LatentPoint> points,
                                      const generation::GenerationSettings& settings,
                                      vae::NoiseSource& random);

// What writeLoopSet wrote, one line per file: "  dir/x_01.mid: 7 notes at z = (0.1000, -0.2000)" and last
// the single file with all of them.
void listLoopSet(std::ostream& out, std::span<const generation::LatentPoint> points,
                 std::span<const loops::Loop> loops, std::span<const std::string> files);

}  // namespace melodyvae::cli
