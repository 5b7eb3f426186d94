// Writing a set of generated loops (an interpolation, variations) into a folder: one MIDI file per loop
// and one holding them all one after another, to audition in a single clip.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/generation/generator.h"
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

}  // namespace melodyvae::cli
