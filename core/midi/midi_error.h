// The one error type of the Standard MIDI File reader: it names the file, the byte offset where reading
// stopped and what was expected there, so that a person can open the file in a hex editor and look.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace melodyvae::midi {

// what() reads "'<file>': byte <offset>: <problem>", e.g.
// "'song.mid': byte 1234: expected 'MTrk' chunk, found 'XXXX'".
class MidiError : public std::runtime_error {
 public:
  MidiError(std::string file, std::size_t byteOffset, std::string problem)
      : std::runtime_error("'" + file + "': byte " + std::to_string(byteOffset) + ": " + problem),
        file_(std::move(file)),
        byteOffset_(byteOffset),
        problem_(std::move(problem)) {}

  const std::string& file() const noexcept { return file_; }
  // Offset from the start of the file of the byte that could not be read or made no sense.
  std::size_t byteOffset() const noexcept { return byteOffset_; }
  // The message without the file and offset ("expected 'MTrk' chunk, found 'XXXX'").
  const std::string& problem() const noexcept { return problem_; }

 private:
  std::string file_;
  std::size_t byteOffset_;
  std::string problem_;
};

}  // namespace melodyvae::midi
