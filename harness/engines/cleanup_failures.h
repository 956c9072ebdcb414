// Scratch databases and logins a run could not drop. A destructor cannot return an error, so the
// engines record here what they failed to drop, and the verify loop turns it into an engine
// error (exit 2): a run that leaked a database says so instead of passing with a warning.
#pragma once

#include <string>
#include <vector>

namespace crucible {

// `server` is the engine's redacted DSN (Engine::dsn().redacted()); `message` names what leaked.
void record_cleanup_failure(const std::string& server, std::string message);
// What was recorded for `server` since the last call, oldest first; forgets it.
std::vector<std::string> take_cleanup_failures(const std::string& server);

}  // namespace crucible
