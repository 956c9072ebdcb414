// The linear pass's results as they are recorded, for a check that runs beside it (the data
// check, on its own connection and database, one migration behind). A check judging migration i
// needs only what the linear pass said about migrations 0..i, so it can start on i as soon as
// the linear pass has finished i instead of waiting for the whole pass; on two cores the two
// then take little more than the longer one's time.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

#include "harness/checks/result.h"

namespace crucible {

class LinearFeed {
 public:
  // From the linear pass: migrations [0, done) are finished and `run` holds every result so far.
  void publish(size_t done, const EngineRun& run);
  // The linear pass ended, whole or not: no more results come.
  void close();
  // Its results will not be used (the engine failed): the reader stops at its next wait.
  void abandon();

  // From the reader: waits until migration `index` is finished or the pass has ended, then
  // appends the results `into` has not seen yet. False: the pass ended before `index` finished,
  // or was abandoned.
  bool wait_for(size_t index, std::vector<Result>& into);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Result> results_;
  size_t done_ = 0;
  bool closed_ = false;
  bool abandoned_ = false;
};

}  // namespace crucible
