#include "harness/engines/cleanup_failures.h"

#include <map>
#include <mutex>

namespace crucible {
namespace {

std::mutex failures_mutex;
std::map<std::string, std::vector<std::string>> failures;

}  // namespace

void record_cleanup_failure(const std::string& server, std::string message) {
  std::lock_guard lock(failures_mutex);
  failures[server].push_back(std::move(message));
}

std::vector<std::string> take_cleanup_failures(const std::string& server) {
  std::lock_guard lock(failures_mutex);
  auto it = failures.find(server);
  if (it == failures.end()) return {};
  std::vector<std::string> out = std::move(it->second);
  failures.erase(it);
  return out;
}

}  // namespace crucible
