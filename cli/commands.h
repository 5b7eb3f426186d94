// The subcommands of `melodyvae`; each registers itself on the application and runs when chosen.
// A command reports failure by throwing CommandError (message already phrased for the musician);
// main() prints it and returns its exit status.
#pragma once

#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

namespace melodyvae::cli {

// Exit statuses, documented in `melodyvae --help`.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFilesFailed = 1;  // the command ran, but some inputs could not be read
inline constexpr int kExitError = 2;            // bad arguments or nothing could be done

class CommandError : public std::runtime_error {
 public:
  explicit CommandError(const std::string& message, int exitStatus = kExitError)
      : std::runtime_error(message), exitStatus_(exitStatus) {}
  int exitStatus() const { return exitStatus_; }

 private:
  int exitStatus_;
};

// Each add*Command registers a subcommand whose callback stores its exit status in `exitStatus`.
void addInspectCommand(CLI::App& app, int& exitStatus);
void addTrainCommand(CLI::App& app, int& exitStatus);
void addGenerateCommand(CLI::App& app, int& exitStatus);
void addEncodeCommand(CLI::App& app, int& exitStatus);
void addBendCommand(CLI::App& app, int& exitStatus);
void addInfoCommand(CLI::App& app, int& exitStatus);
void addMapCommand(CLI::App& app, int& exitStatus);
void addPlotCommand(CLI::App& app, int& exitStatus);
void addInterpolateCommand(CLI::App& app, int& exitStatus);
void addVariationsCommand(CLI::App& app, int& exitStatus);
void addEvaluateCommand(CLI::App& app, int& exitStatus);

}  // namespace melodyvae::cli
