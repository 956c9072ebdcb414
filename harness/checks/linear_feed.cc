#include "harness/checks/linear_feed.h"

#include <algorithm>

namespace crucible {

void LinearFeed::publish(size_t done, const EngineRun& run) {
  {
    std::lock_guard lock(mutex_);
    results_.insert(results_.end(), run.results.begin() + static_cast<std::ptrdiff_t>(
                                        std::min(results_.size(), run.results.size())),
                    run.results.end());
    done_ = done;
  }
  changed_.notify_all();
}

void LinearFeed::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

void LinearFeed::abandon() {
  {
    std::lock_guard lock(mutex_);
    closed_ = abandoned_ = true;
  }
  changed_.notify_all();
}

bool LinearFeed::wait_for(size_t index, std::vector<Result>& into) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return done_ > index || closed_; });
  into.insert(into.end(),
              results_.begin() + static_cast<std::ptrdiff_t>(std::min(into.size(), results_.size())),
              results_.end());
  return done_ > index && !abandoned_;
}

}  // namespace crucible
