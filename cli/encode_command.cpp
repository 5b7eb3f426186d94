// `melodyvae encode MODEL clip.mid`: where a clip lies in the model's latent space. Every 2-bar window of
// the clip that holds notes is encoded to the encoder's mean (deterministic), fitted to the model's pitch
// range as training data is.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/model_loading.h"
#include "core/generation/encoding.h"
#include "core/midi/midi_error.h"
#include "core/midi/smf_reader.h"

namespace melodyvae::cli {
namespace {

struct EncodeSettings {
  std::string model;
  std::string clip;
  bool json = false;
};

int runEncode(const EncodeSettings& settings) {
  modelfile::LoadedModel loaded = loadModelForCommand(settings.model);
  midi::Song song;
  try {
    song = midi::readSmfFile(settings.clip);
  } catch (const std::exception& error) {  // MidiError, FileReadError: both name the file
    throw CommandError(std::string("cannot read the clip: ") + error.what());
  }
  const int lowestPitch = loaded.metadata.representation.lowestPitch;
  const std::vector<generation::EncodedWindow> windows =
      generation::encodeSong(loaded.model, song, lowestPitch);
  if (windows.empty()) {
    throw CommandError("'" + settings.clip +
                       "' holds no note outside the drum channel (MIDI channel 10) to encode");
  }
  if (settings.json) {
    nlohmann::json out = {
        {"model", settings.model}, {"clip", settings.clip}, {"windows", nlohmann::json::array()}};
    for (const generation::EncodedWindow& window : windows) {
      out["windows"].push_back({{"window", window.window},
                                {"bars", {2 * window.window + 1, 2 * window.window + 2}},
                                {"notes", window.onsets},
                                {"z", window.z}});
    }
    out["z"] = windows.front().z;
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  for (const generation::EncodedWindow& window : windows) {
    std::cout << "bars " << 2 * window.window + 1 << "-" << 2 * window.window + 2 << " (" << window.onsets
              << " note" << (window.onsets == 1 ? "" : "s") << "): z =";
    for (std::size_t i = 0; i < window.z.size(); ++i) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%s %.6f", i ? "," : "", static_cast<double>(window.z[i]));
      std::cout << buffer;
    }
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace

void addEncodeCommand(CLI::App& app, int& exitStatus) {
  auto settings = std::make_shared<EncodeSettings>();
  CLI::App* command = app.add_subcommand(
      "encode",
      "Print where a MIDI clip lies in a model's latent space (z of each 2-bar window with notes).");
  command->add_option("model", settings->model, "a model file written by `melodyvae train`")->required();
  command->add_option("clip", settings->clip, "a MIDI file; each 2-bar window holding notes is encoded")
      ->required();
  command->add_flag("--json", settings->json, "print JSON: {\"z\": first window's z, \"windows\": [...]}");
  command->footer(
      "Exit status: 0 encoded; 2 bad arguments, an unreadable model or clip, or a clip without notes.");
  command->callback([settings, &exitStatus] { exitStatus = runEncode(*settings); });
}

}  // namespace melodyvae::cli
