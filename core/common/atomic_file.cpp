// Atomic file replacement and whole-file reads with errors that name the path.
#include "core/common/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

namespace melodyvae {
namespace {

std::string systemReason() {
  return std::strerror(errno);
}

// Writes all of `bytes` to `fd`, retrying on short writes and EINTR.
bool writeAll(int fd, std::span<const std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : ".";
  std::random_device entropy;
  // Hidden, unique and in the same folder, so the final rename stays on one file system.
  std::string temporaryName = ".";
  temporaryName += path.filename().string();
  temporaryName += ".tmp-";
  temporaryName += std::to_string(entropy());
  const std::filesystem::path temporary = directory / temporaryName;

  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw FileWriteError("cannot write '" + path.string() + "': " + systemReason() +
                         " (check that the folder exists and is writable)");
  }
  const bool written = writeAll(fd, bytes) && ::fsync(fd) == 0;
  const std::string reason = written ? "" : systemReason();
  ::close(fd);
  if (!written) {
    std::filesystem::remove(temporary);
    throw FileWriteError("cannot write '" + path.string() + "': " + reason);
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary);
    throw FileWriteError("cannot replace '" + path.string() + "': " + error.message());
  }
}

std::vector<std::uint8_t> readWholeFile(const std::filesystem::path& path, std::uint64_t maxBytes) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (std::filesystem::is_directory(status)) {
    throw FileReadError("cannot read '" + path.string() + "': it is a folder, not a file");
  }
  // A FIFO, socket or device would block the open or the read forever (or never end): refuse them.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw FileReadError("cannot read '" + path.string() +
                        "': it is not a regular file (a pipe, socket or device); give a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw FileReadError("cannot open '" + path.string() + "': " + systemReason());
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw FileReadError("cannot read '" + path.string() + "': size unknown");
  if (static_cast<std::uint64_t>(size) > maxBytes) {
    throw FileReadError("'" + path.string() + "' is " + std::to_string(size) + " bytes, more than the " +
                        std::to_string(maxBytes) + " this reader accepts");
  }
  in.seekg(0, std::ios::beg);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw FileReadError("cannot read '" + path.string() + "': " + systemReason());
  }
  return bytes;
}

}  // namespace melodyvae
