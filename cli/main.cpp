// Entry point of the `melodyvae` command: parses the subcommand and turns errors into messages.
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace melodyvae::cli;
  CLI::App app{"MelodyVAE: train a melody VAE on your own MIDI loops, then generate 2-bar melodies."};
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success; 1 the command ran but some input files could not be read (each is "
      "reported); 2 bad arguments or nothing could be done.");
  int exitStatus = kExitOk;
  addInspectCommand(app, exitStatus);
  addTrainCommand(app, exitStatus);
  addGenerateCommand(app, exitStatus);
  addEncodeCommand(app, exitStatus);
  addBendCommand(app, exitStatus);
  addInfoCommand(app, exitStatus);
  addMapCommand(app, exitStatus);
  addPlotCommand(app, exitStatus);
  addInterpolateCommand(app, exitStatus);
  addVariationsCommand(app, exitStatus);
  addEvaluateCommand(app, exitStatus);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kExitError;
  } catch (const CommandError& error) {
    std::cerr << "melodyvae: " << error.what() << "\n";
    return error.exitStatus();
  } catch (const std::exception& error) {
    std::cerr << "melodyvae: " << error.what() << "\n";
    return kExitError;
  }
  return exitStatus;
}
