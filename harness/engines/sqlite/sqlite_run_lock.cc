#include "harness/engines/sqlite/sqlite_run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/scratch.h"

namespace crucible::sqlite {
namespace {

std::string& held_lock_path() {
  static std::string* path = new std::string;  // read by atexit, after static destructors
  return *path;
}

void remove_held_lock() {
  if (!held_lock_path().empty()) ::unlink(held_lock_path().c_str());
}

}  // namespace

std::filesystem::path run_lock_path(const std::filesystem::path& folder, const std::string& run_id) {
  return folder / fmt::format("crucible_{}.lock", run_id);
}

void hold_run_lock(const std::filesystem::path& folder) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (!held_lock_path().empty()) return;
  std::string path = run_lock_path(folder, scratch_run_id()).string();
  held_lock_path() = path;
  // Registered before the file exists. On a signal it runs after the scratch files' own drops:
  // threads still running may have written a journal after their file was removed, so every
  // file of this run goes, then the process ends.
  ScratchRegistry::instance().add(path, [folder] {
    std::string prefix = fmt::format("crucible_{}_", scratch_run_id());
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ignored))
      if (entry.path().filename().string().starts_with(prefix))
        std::filesystem::remove(entry.path(), ignored);
    remove_held_lock();
  }, DropOrder::login);
  std::atexit(remove_held_lock);
  // Never closed: the lock lives as long as the process.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    std::string why = std::strerror(errno);
    remove_held_lock();
    held_lock_path().clear();
    throw Error(fmt::format("sqlite: cannot lock {}: {}", path, why));
  }
}

bool run_is_live(const std::filesystem::path& folder, const std::string& run_id) {
  int fd = ::open(run_lock_path(folder, run_id).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;  // no lock file: a run that ended, or crashed before this existed
  bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

}  // namespace crucible::sqlite
