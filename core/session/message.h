// The messages of docs/max-contract.md as the core sees them: a name and a list of atoms, the same shape
// whether they came from Max (node.script), Node-API, or an OSC packet. No host types here.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace melodyvae::session {

// One argument. Hosts map theirs onto these: a Max/JS number that is an integer -> int64, any other number
// -> double, a symbol or string -> string; OSC 'i'/'h' -> int64, 'f'/'d' -> double, 's'/'S' -> string.
// A handler that wants a number accepts both int64 and double; one that wants a path accepts a string.
using Atom = std::variant<std::int64_t, double, std::string>;

struct Message {
  std::string name;  // e.g. "generate", "status" (no leading '/', no "/melodyvae/" prefix)
  std::vector<Atom> args;
};

// Receives every outbound message (docs/max-contract.md "Messages out of the script"). Called on the
// thread that called Session::handle or on the session's worker thread, never on two threads at once for
// one session; it must not call back into the session. Host adapters forward from here (a thread-safe
// function for Node, a UDP send for OSC).
using MessageSink = std::function<void(const Message&)>;

}  // namespace melodyvae::session
