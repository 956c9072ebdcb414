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

#include "harness/common/error.h"

namespace crucible {

// A new scratch database name for this process.
std::string scratch_name();
// The <run> part of this process's scratch names (8 hex digits): engines name per-run logins
// and live-run markers (advisory locks, lock files) after it.
const std::string& scratch_run_id();
// The <run> part of a scratch name, or "" when `name` is not one.
std::string run_id_of(const std::string& name);
// True for names of the shape crucible_<8 hex>_<digits>.
bool is_scratch_name(const std::string& name);

// What a drop action removes: databases go first, then the per-run logins that owned them.
enum class DropOrder { database = 0, login = 1 };

// Drop actions for every scratch database alive in this process, so that a signal handler can
// drop them all. Engines register before they create and unregister once they dropped it
// themselves. After a signal, add() never returns: nothing new is created during the cleanup.
class ScratchRegistry {
 public:
  static ScratchRegistry& instance();

  void add(const std::string& key, std::function<void()> drop,
           DropOrder order = DropOrder::database);
  void remove(const std::string& key);
  // Runs every registered drop action once (errors are swallowed: best effort on the way out).
  void drop_all();

 private:
  std::mutex mutex_;
  std::map<std::pair<DropOrder, std::string>, std::function<void()>> drops_;
};

// Thrown by Engine::drop_leftover for a scratch database that belongs to a Crucible run that is
// still alive: `crucible cleanup --drop` leaves it alone and prints the message (why).
class ScratchInUse : public Error {
 public:
  using Error::Error;
};

// Blocks SIGINT/SIGTERM/SIGHUP in the calling thread (call first in main(), before any other
// thread starts, so that every thread inherits the mask) and starts the one thread that handles
// them: on the first signal it drops every registered scratch database and ends the process with
// 128 + the signal (SIGINT 130, SIGTERM 143, SIGHUP 129). Further signals change nothing, so a
// second Ctrl-C cannot cut the cleanup short. Idempotent.
void install_scratch_cleanup_on_signals();

// True once such a signal arrived. From then on the signal path owns the process: the errors
// other threads see (their database dropped under them) are not results.
bool interrupted();
// For a thread about to print a report or to end the process: when a signal arrived, waits for
// the signal path to finish the cleanup and end the process, and never returns.
void wait_if_interrupted();

}  // namespace crucible
