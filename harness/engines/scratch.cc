#include "harness/engines/scratch.h"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <random>
#include <regex>
#include <thread>

#include <fmt/format.h>

namespace crucible {
namespace {

const std::string& make_run_id() {
  static const std::string id = [] {
    std::random_device device;
    uint32_t value = device() ^ static_cast<uint32_t>(::getpid());
    return fmt::format("{:08x}", value);
  }();
  return id;
}

}  // namespace

std::string scratch_name() {
  static std::atomic<int> counter{0};
  return fmt::format("crucible_{}_{}", scratch_run_id(), ++counter);
}

const std::string& scratch_run_id() { return make_run_id(); }

std::string run_id_of(const std::string& name) {
  return is_scratch_name(name) ? name.substr(9, 8) : std::string();
}

bool is_scratch_name(const std::string& name) {
  static const std::regex shape("crucible_[0-9a-f]{8}_[0-9]+");
  return std::regex_match(name, shape);
}

ScratchRegistry& ScratchRegistry::instance() {
  static ScratchRegistry registry;
  return registry;
}

void ScratchRegistry::add(const std::string& key, std::function<void()> drop, DropOrder order) {
  std::lock_guard lock(mutex_);
  drops_[{order, key}] = std::move(drop);
}

void ScratchRegistry::remove(const std::string& key) {
  std::lock_guard lock(mutex_);
  drops_.erase({DropOrder::database, key});
  drops_.erase({DropOrder::login, key});
}

void ScratchRegistry::drop_all() {
  std::map<std::pair<DropOrder, std::string>, std::function<void()>> drops;
  {
    std::lock_guard lock(mutex_);
    drops.swap(drops_);
  }
  for (auto& [key, drop] : drops) {
    try {
      drop();
    } catch (...) {
      // Best effort: the process is on its way out; `crucible cleanup` finds what remains.
    }
  }
}

void install_scratch_cleanup_on_signals() {
  static std::once_flag once;
  std::call_once(once, [] {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread([signals] {
      int received = 0;
      sigwait(&signals, &received);
      const char message[] = "\ncrucible: interrupted; dropping scratch databases\n";
      [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
      ScratchRegistry::instance().drop_all();
      std::_Exit(130);
    }).detach();
  });
}

}  // namespace crucible
