#include "harness/engines/scratch.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
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
  // Never destroyed: the signal thread may still drop through it while main() returns.
  static ScratchRegistry* registry = new ScratchRegistry;
  return *registry;
}

namespace {
// True in the thread that runs the cleanup after a signal: it never waits for itself.
thread_local bool in_signal_path = false;
}  // namespace

void ScratchRegistry::add(const std::string& key, std::function<void()> drop, DropOrder order) {
  if (!in_signal_path) wait_if_interrupted();  // the cleanup ran past what this would create
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

namespace {

// How long the signal path may spend dropping scratch databases (engines bound each drop, with
// their reconnect retries, well below this).
constexpr auto kCleanupLimit = std::chrono::minutes(2);

// The first signal, or 0. Set by the handler, read by every thread.
std::atomic<int> first_signal{0};
// The handler only writes a byte here; the signal thread does the work outside signal context.
int signal_pipe[2] = {-1, -1};

void on_signal(int signo) {
  int saved_errno = errno;
  int none = 0;
  first_signal.compare_exchange_strong(none, signo);
  char byte = 1;
  [[maybe_unused]] auto ignored = ::write(signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

[[noreturn]] void cleanup_after_signal() {
  in_signal_path = true;
  char byte;
  while (::read(signal_pipe[0], &byte, 1) != 1) {
  }
  const char message[] = "\ncrucible: interrupted; dropping scratch databases\n";
  [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
  // Other threads run on until the process ends and see their databases vanish: whatever they
  // would print now is no report, so standard output goes nowhere from here on.
  int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0) ::dup2(null, STDOUT_FILENO);
  // A drop that hangs (a server gone mid-run) must not keep the process alive after Ctrl-C.
  std::thread([] {
    std::this_thread::sleep_for(kCleanupLimit);
    const char gave_up[] = "crucible: gave up dropping scratch databases after 2 min; "
                           "`crucible cleanup --drop` removes what is left\n";
    [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, gave_up, sizeof gave_up - 1);
    std::_Exit(128 + first_signal.load());
  }).detach();
  ScratchRegistry::instance().drop_all();
  std::_Exit(128 + first_signal.load());
}

}  // namespace

void install_scratch_cleanup_on_signals() {
  static std::once_flag once;
  std::call_once(once, [] {
    sigset_t signals;
    sigemptyset(&signals);
    for (int signo : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, signo);
    if (::pipe2(signal_pipe, O_CLOEXEC) != 0) return;  // no signal path: the default action stays
    // Blocked everywhere but in the signal thread, so that the handler interrupts no system call
    // of the threads that talk to databases.
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    ScratchRegistry::instance();
    struct sigaction action {};
    action.sa_handler = on_signal;
    action.sa_mask = signals;
    action.sa_flags = SA_RESTART;
    for (int signo : {SIGINT, SIGTERM, SIGHUP}) sigaction(signo, &action, nullptr);
    std::thread([signals] {
      pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
      cleanup_after_signal();
    }).detach();
  });
}

bool interrupted() { return first_signal.load() != 0; }

void wait_if_interrupted() {
  if (!interrupted() || in_signal_path) return;
  for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}

}  // namespace crucible
