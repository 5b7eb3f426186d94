// Folders of generated MIDI files.
#include "cli/loop_set_files.h"

#include <filesystem>

#include "cli/commands.h"
#include "cli/generation_options.h"
#include "cli/model_loading.h"
#include "core/common/atomic_file.h"
#include "core/midi/smf_writer.h"

namespace melodyvae::cli {

void prepareOutputFolder(const std::string& folder, const std::string& option) {
  if (folder.empty()) throw CommandError(option + " needs a folder name");
  const std::filesystem::path path(folder);
  std::error_code error;
  if (std::filesystem::exists(path, error) && !std::filesystem::is_directory(path, error)) {
    throw CommandError(option + " '" + folder + "' is a file; give a folder to write the MIDI files into");
  }
  if (!std::filesystem::exists(path, error)) {
    const std::filesystem::path parent = path.has_parent_path() ? path.parent_path() : ".";
    if (!std::filesystem::is_directory(parent, error)) {
      throw CommandError(option + " '" + folder + "': the folder '" + parent.string() +
                         "' does not exist; create it first or choose another path");
    }
    if (!std::filesystem::create_directory(path, error) && error) {
      throw CommandError(option + " '" + folder + "': cannot create the folder (" + error.message() + ")");
    }
  }
  checkOutputPath((path / "probe.mid").string(), option);
}

std::vector<std::string> writeLoopSet(const std::string& folder, const std::string& prefix,
                                      std::span<const loops::Loop> loops,
                                      const generation::RenderSettings& render) {
  const int digits = std::max<int>(2, static_cast<int>(std::to_string(loops.size()).size()));
  std::vector<std::string> written;
  const auto write = [&written](const std::filesystem::path& path, const midi::Song& song) {
    try {
      midi::writeSmfFile(path, song);
    } catch (const FileWriteError& error) {
      throw CommandError(error.what());
    }
    written.push_back(path.string());
  };
  for (std::size_t i = 0; i < loops.size(); ++i) {
    std::string number = std::to_string(i + 1);
    number.insert(0, static_cast<std::size_t>(digits) - std::min<std::size_t>(number.size(), digits), '0');
    write(std::filesystem::path(folder) / (prefix + "_" + number + ".mid"),
          generation::renderSong(loops[i], render));
  }
  write(std::filesystem::path(folder) / (prefix + ".mid"), generation::renderSequence(loops, render));
  return written;
}

std::vector<loops::Loop> decodePoints(vae::Vae& model, std::span<const generation::LatentPoint> points,
                                      const generation::GenerationSettings& settings,
                                      vae::NoiseSource& random) {
  generation::Generator generator(model);
  std::vector<loops::Loop> loops(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) generator.generate(points[i], settings, random, loops[i]);
  return loops;
}

void listLoopSet(std::ostream& out, std::span<const generation::LatentPoint> points,
                 std::span<const loops::Loop> loops, std::span<const std::string> files) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    out << "  " << files[i] << ": " << countOf(loops[i].size(), "note") << " at z = (" << formatZ(points[i])
        << ")\n";
  }
  out << "  " << files.back() << ": all " << points.size() << " one after another (" << 2 * points.size()
      << " bars)\n";
}

}  // namespace melodyvae::cli
