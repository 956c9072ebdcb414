// Tells a live run's scratch files from a crashed run's leftovers.
//
// A run that creates SQLite scratch files first creates crucible_<run>.lock in the scratch folder
// and holds an flock() on it for as long as the process lives. The kernel releases the lock when
// the process ends however it ends (a crash, SIGKILL), so a lock file nobody holds marks a dead
// run, and `crucible cleanup --drop` leaves the files of a run whose lock is held alone.
#pragma once

#include <filesystem>
#include <string>

namespace crucible::sqlite {

// Creates and locks this process's lock file in `folder`, once per process. Throws
// crucible::Error when it cannot.
void hold_run_lock(const std::filesystem::path& folder);

// The lock file of run `run_id` in `folder`.
std::filesystem::path run_lock_path(const std::filesystem::path& folder, const std::string& run_id);

// True while another process holds the lock of run `run_id`.
bool run_is_live(const std::filesystem::path& folder, const std::string& run_id);

}  // namespace crucible::sqlite
