// Progress of a `verify` run on standard error:
//   on a TTY, one line rewritten in place: elapsed time and each engine's current migration and
//   step ("[12.4s] postgres 0007 create_order_items: reverse | sqlite 0009 …: forward");
//   with --verbose, every statement as it is about to run, with its engine and file:line.
// Nothing at all when neither applies (not a TTY, or --quiet): CI logs keep only results.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <ostream>
#include <string>

#include "harness/checks/verify.h"

namespace crucible {

// Columns of the terminal on `fd`, or `fallback` when it is not one.
std::size_t terminal_width(int fd, std::size_t fallback = 100);

class ProgressPrinter {
 public:
  ProgressPrinter(std::ostream& out, bool status_line, bool verbose, std::size_t width = 100);

  bool active() const { return status_line_ || verbose_; }
  void on_step(const ProgressEvent& event);  // thread-safe
  void finish();                             // clears the status line

 private:
  void clear_line();
  void draw_line();

  std::ostream& out_;
  const bool status_line_;
  const bool verbose_;
  const std::size_t width_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::map<std::string, std::string> current_;  // engine -> "0007 name: reverse"
  bool line_drawn_ = false;
};

}  // namespace crucible
