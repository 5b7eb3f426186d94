// How fast the SMF reader ingests a folder of MIDI files: reads (from the page cache) and parses every
// .mid under the folder given on the command line, repeatedly for a minimum time, and prints files/s and
// notes/s. bench/midi_ingest_vs_mido.sh runs it beside mido on the same folder.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/atomic_file.h"
#include "core/midi/smf_reader.h"

namespace {

std::vector<std::filesystem::path> midiFilesUnder(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (entry.is_regular_file() && (extension == ".mid" || extension == ".midi"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Pass {
  std::size_t notes = 0;
  std::size_t failures = 0;
  std::size_t filesWithWarnings = 0;
};

Pass readAll(const std::vector<std::filesystem::path>& files, bool report) {
  Pass pass;
  for (const auto& file : files) {
    try {
      const melodyvae::midi::Song song = melodyvae::midi::readSmfFile(file);
      pass.notes += song.notes.size();
      if (!song.warnings.empty()) {
        ++pass.filesWithWarnings;
        if (report) std::printf("warning: %s: %s\n", file.c_str(), song.warnings.front().c_str());
      }
    } catch (const std::exception& error) {  // MidiError or FileReadError
      ++pass.failures;
      if (report) std::printf("error: %s\n", error.what());
    }
  }
  return pass;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr,
                 "usage: %s FOLDER [MIN_SECONDS]\n  reads every .mid under FOLDER for at least MIN_SECONDS "
                 "(default 2) and prints files/s and notes/s\n",
                 argv[0]);
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  const double minSeconds = argc == 3 ? std::atof(argv[2]) : 2.0;
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    std::fprintf(stderr, "error: '%s' is not a folder\n", folder.c_str());
    return 2;
  }
  const std::vector<std::filesystem::path> files = midiFilesUnder(folder);
  if (files.empty()) {
    std::fprintf(stderr, "error: no .mid files under '%s'\n", folder.c_str());
    return 2;
  }

  const Pass first = readAll(files, true);  // also warms the page cache
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  std::size_t passes = 0;
  double seconds = 0.0;
  do {
    readAll(files, false);
    ++passes;
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  } while (seconds < minSeconds);

  const double filesPerSecond = static_cast<double>(files.size() * passes) / seconds;
  const double notesPerSecond = static_cast<double>(first.notes * passes) / seconds;
  std::printf("folder: %s\n", folder.c_str());
  std::printf("files: %zu (%zu unreadable, %zu with warnings), notes: %zu\n", files.size(), first.failures,
              first.filesWithWarnings, first.notes);
  std::printf("passes: %zu in %.3f s\n", passes, seconds);
  std::printf("melodyvae files/s: %.1f\n", filesPerSecond);
  std::printf("melodyvae notes/s: %.0f\n", notesPerSecond);
  return 0;
}
