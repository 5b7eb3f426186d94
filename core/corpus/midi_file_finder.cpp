// Recursive, deterministic discovery of .mid/.midi files.
#include "core/corpus/midi_file_finder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

namespace melodyvae::corpus {
namespace {

namespace fs = std::filesystem;

std::string lowerCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A key identifying the file itself, so that two spellings of one file are listed once.
std::string identity(const fs::path& file) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(file, error);
  if (error) canonical = fs::absolute(file, error).lexically_normal();
  return canonical.string();
}

// Built by appending: GCC 12 gives a false -Wrestrict for "'" + std::string (its bug 105329).
std::string quoted(const fs::path& path) {
  std::string text(1, '\'');
  text += path.string();
  text += '\'';
  return text;
}

}  // namespace

bool hasMidiExtension(const fs::path& file) {
  const std::string extension = lowerCase(file.extension().string());
  return extension == ".mid" || extension == ".midi";
}

MidiFileList findMidiFiles(std::span<const fs::path> inputs) {
  MidiFileList list;
  std::set<std::string> seen;
  const auto take = [&](const fs::path& file) {
    if (seen.insert(identity(file)).second) list.files.push_back(file);
  };
  for (const fs::path& input : inputs) {
    std::error_code error;
    const fs::file_status status = fs::status(input, error);  // follows a symlink named directly
    if (error || !fs::exists(status)) {
      list.problems.push_back({input, "no such file or folder: " + quoted(input)});
      continue;
    }
    if (!fs::is_directory(status)) {
      take(input);
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      if (!hasMidiExtension(entry.path()) || name.starts_with("._")) continue;
      std::error_code entryError;
      if (entry.is_regular_file(entryError)) found.push_back(entry.path());  // a symlink to a file counts
    }
    if (error) {
      list.problems.push_back({input, "could not search " + quoted(input) + ": " + error.message()});
    }
    std::sort(found.begin(), found.end());
    if (found.empty() && !error) {
      list.problems.push_back({input, "no .mid or .midi files found in " + quoted(input)});
    }
    for (const fs::path& file : found) take(file);
  }
  return list;
}

}  // namespace melodyvae::corpus
