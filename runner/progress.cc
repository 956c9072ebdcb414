#include "runner/progress.h"

#include <sys/ioctl.h>

#include <fmt/format.h>

#include "harness/common/secrets.h"
#include "reports/text.h"

namespace crucible {

std::size_t terminal_width(int fd, std::size_t fallback) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 10) return size.ws_col - 1;
  return fallback;
}

ProgressPrinter::ProgressPrinter(std::ostream& out, bool status_line, bool verbose,
                                 std::size_t width)
    : out_(out), status_line_(status_line), verbose_(verbose), width_(width) {}

void ProgressPrinter::on_step(const ProgressEvent& event) {
  std::lock_guard lock(mutex_);
  std::string engine(event.engine);
  current_[engine] = fmt::format("{} {}: {}", event.migration.version, event.migration.name,
                                 event.step);
  if (verbose_ && event.script) {
    clear_line();
    for (const Statement& statement : event.script->statements)
      out_ << fmt::format("{} {} {} {}: {}\n", engine, event.migration.version, event.step,
                          reports::one_line(statement.where.str()),
                          reports::truncate(reports::one_line(redact_secrets(statement.sql)), 160));
  }
  if (status_line_) draw_line();
  out_.flush();
}

void ProgressPrinter::finish() {
  std::lock_guard lock(mutex_);
  clear_line();
  out_.flush();
}

void ProgressPrinter::clear_line() {
  if (line_drawn_) out_ << "\r\x1b[K";
  line_drawn_ = false;
}

void ProgressPrinter::draw_line() {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = fmt::format("[{:.1f}s]", seconds);
  const char* separator = " ";
  for (const auto& [engine, step] : current_) {
    line += fmt::format("{}{} {}", separator, engine, step);
    separator = " | ";
  }
  clear_line();
  out_ << reports::truncate(reports::one_line(line), width_);
  line_drawn_ = true;
}

}  // namespace crucible
