// Scratch databases: how they are named, and how they are dropped even when the run is cut short.
//
// Every scratch database is named crucible_<run>_<n>: <run> is 8 hex digits unique to this
// process, <n> counts up. Crucible only ever drops names of that shape, and only those it created
// (or, with `crucible cleanup`, leftovers of that shape from crashed runs).
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace crucible {

// A new scratch database name for this process.
std::string scratch_name();
// True for names of the shape crucible_<8 hex>_<digits>.
bool is_scratch_name(const std::string& name);

// Drop actions for every scratch database alive in this process, so that a signal handler can
// drop them all. Engines register on create and unregister once they dropped it themselves.
class ScratchRegistry {
 public:
  static ScratchRegistry& instance();

  void add(const std::string& key, std::function<void()> drop);
  void remove(const std::string& key);
  // Runs every registered drop action once (errors are swallowed: best effort on the way out).
  void drop_all();

 private:
  std::mutex mutex_;
  std::map<std::string, std::function<void()>> drops_;
};

// Blocks SIGINT/SIGTERM/SIGHUP in the calling thread (call before starting worker threads) and
// starts a thread that, on such a signal, drops every registered scratch database and exits
// with 130. Idempotent.
void install_scratch_cleanup_on_signals();

}  // namespace crucible
