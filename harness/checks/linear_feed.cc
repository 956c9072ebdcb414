#include "harness/checks/linear_feed.h"

#include <algorithm>

namespace crucible {

void LinearFeed::publish(size_t done, const EngineRun& run, const LinearStart& next) {
  // Copied outside the lock: the reader waits on it.
  Start start;
  if (keep_starts_ && next.schema)
    start = Start{std::make_shared<const catalog::Catalog>(*next.schema),
                  next.by_forward_reverse_forward};
  {
    std::lock_guard lock(mutex_);
    if (starts_.size() <= done) starts_.resize(done + 1);
    starts_[done] = std::move(start);
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

void LinearFeed::keep_starts() { keep_starts_ = true; }

LinearFeed::Start LinearFeed::take_start(size_t index) {
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i < index && i < starts_.size(); ++i) starts_[i] = Start{};
  return index < starts_.size() ? starts_[index] : Start{};
}

}  // namespace crucible
