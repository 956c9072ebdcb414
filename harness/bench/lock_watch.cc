#include "harness/bench/lock_watch.h"

#include <algorithm>
#include <cstdlib>

namespace crucible::bench {

void LockTally::seen(const std::string& relation, const std::string& mode, int64_t waiters,
                     double at_ms) {
  auto [it, inserted] = spans_.try_emplace({relation, mode}, Span{at_ms, at_ms, waiters});
  if (inserted) return;
  it->second.last_ms = at_ms;
  it->second.waiters = std::max(it->second.waiters, waiters);
}

std::vector<LockObservation> LockTally::observations() const {
  std::vector<LockObservation> out;
  for (const auto& [key, span] : spans_)
    out.push_back({key.first, key.second, span.last_ms - span.first_ms, span.waiters,
                   span.first_ms});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first_seen_ms < b.first_seen_ms;
  });
  return out;
}

Statement watch_statement(std::string sql) {
  return Statement{std::move(sql), {"<bench lock watch>", 0}};
}

std::string text_of(const SqlValue& value) {
  if (auto* s = std::get_if<std::string>(&value)) return *s;
  if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&value)) return std::to_string(*d);
  return "";
}

int64_t integer_of(const SqlValue& value) {
  if (auto* i = std::get_if<int64_t>(&value)) return *i;
  if (auto* s = std::get_if<std::string>(&value)) return std::atoll(s->c_str());
  return 0;
}

LockWatcher::LockWatcher(std::unique_ptr<LockWatch> watch, Clock::time_point origin)
    : watch_(std::move(watch)), origin_(origin) {}

LockWatcher::~LockWatcher() { stop(); }

void LockWatcher::start() {
  thread_ = std::thread([this] {
    Clock::time_point next = Clock::now();
    while (!stopping_ && failure_.empty()) {
      sample_once();
      next = std::max(next + kSampleInterval, Clock::now());
      std::this_thread::sleep_until(next);
    }
  });
}

void LockWatcher::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void LockWatcher::sample_once() {
  const double at_ms = std::chrono::duration<double, std::milli>(Clock::now() - origin_).count();
  try {
    watch_->sample(tally_, at_ms);
    ++samples_;
  } catch (const std::exception& e) {
    failure_ = e.what();  // reported as a note; the traffic numbers still stand
  }
}

}  // namespace crucible::bench
