// One musician's session (docs/max-contract.md): the training data, the model, training on a worker
// thread, real-time generation from the best weights so far, encoding of clips, bending, saving and
// loading. The Max device, the Node-API addon and the OSC server are thin adapters over this class.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/session/message.h"

namespace melodyvae::session {

class SessionState;  // the implementation (core/session/session.cpp and the files beside it)

// Thread-safe: handle() may be called from any thread. It never blocks on long work: loading MIDI and
// training run on the session's worker thread, and `generate` answers at once through the real-time decode
// (also while training runs). It never throws: a message with wrong arguments (missing, wrong type, out
// of range, a path that does not exist) is answered with `status <text> 1` and changes nothing.
class Session {
 public:
  explicit Session(MessageSink sink);
  ~Session();  // asks training to stop, waits for the worker (a save in progress completes), then returns
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void handle(const Message& message);
  void handle(std::string_view name, std::vector<Atom> args = {});

  // Blocks until the work queued on the worker thread so far has finished (for tests and shutdown).
  void waitIdle();

 private:
  std::unique_ptr<SessionState> state_;
};

}  // namespace melodyvae::session
