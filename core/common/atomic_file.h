// Writing files so that a reader never sees half of one: write a temporary file beside the target,
// flush it to disk, then rename it into place. A failure leaves the old file untouched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace melodyvae {

// Thrown when a file cannot be written; the message names the path and the system's reason.
class FileWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Replaces `path` with `bytes` atomically (same-directory temporary file + fsync + rename).
void writeFileAtomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);

// Reads a whole file; throws FileReadError naming the path on failure. `maxBytes` guards against
// reading something enormous by mistake (a model or MIDI file is never gigabytes).
class FileReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
std::vector<std::uint8_t> readWholeFile(const std::filesystem::path& path,
                                        std::uint64_t maxBytes = std::uint64_t{1} << 31);

}  // namespace melodyvae
