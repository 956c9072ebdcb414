// The linear pass's results as they are recorded, for a check that runs beside it (the data
// check, on its own connection and database, one migration behind). A check judging migration i
// needs only what the linear pass said about migrations 0..i, so it can start on i as soon as
// the linear pass has finished i instead of waiting for the whole pass; on two cores the two
// then take little more than the longer one's time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/checks/result.h"
#include "harness/checks/verify.h"

namespace crucible {

class LinearFeed {
 public:
  // The linear pass's scratch database as a migration began (verify.h's LinearStart, kept).
  struct Start {
    std::shared_ptr<const catalog::Catalog> schema;  // null: no snapshot of that state
    bool by_forward_reverse_forward = false;
  };

  // From the linear pass: migrations [0, done) are finished, `run` holds every result so far,
  // and `next` is its database as migration `done` begins.
  void publish(size_t done, const EngineRun& run, const LinearStart& next = {});
  // The linear pass ended, whole or not: no more results come.
  void close();
  // Its results will not be used (the engine failed): the reader stops at its next wait.
  void abandon();

  // From the reader: waits until migration `index` is finished or the pass has ended, then
  // appends the results `into` has not seen yet. False: the pass ended before `index` finished,
  // or was abandoned.
  bool wait_for(size_t index, std::vector<Result>& into);

  // From the reader: publish() keeps the linear pass's database as each migration begins from
  // now on (a copy of its schema each time: only for a reader that uses them).
  void keep_starts();
  // From the reader, after wait_for(index): the linear pass's database as migration `index`
  // began, if kept. The ones before it are forgotten (a schema may be large, and the reader
  // only goes forward).
  Start take_start(size_t index);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Result> results_;
  std::atomic<bool> keep_starts_{false};
  std::vector<Start> starts_;  // by migration; [0] is never published
  size_t done_ = 0;
  bool closed_ = false;
  bool abandoned_ = false;
};

}  // namespace crucible
