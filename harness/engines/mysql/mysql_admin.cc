#include "harness/engines/mysql/mysql_admin.h"

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/scratch.h"

namespace crucible::mysql {
namespace {

// About 15 s in all: long enough for a server restart on a CI machine, short enough that a
// server that is really gone fails the run promptly.
constexpr std::chrono::milliseconds kRetryDelays[] = {
    std::chrono::milliseconds(200), std::chrono::milliseconds(500), std::chrono::seconds(1),
    std::chrono::seconds(2),        std::chrono::seconds(4),        std::chrono::seconds(7)};

}  // namespace

std::string run_marker(const std::string& run) { return "crucible_" + run; }

std::unique_ptr<Connection> open_with_retry(const Dsn& dsn, const std::string& schema) {
  for (std::chrono::milliseconds delay : kRetryDelays) {
    try {
      return Connection::open(dsn, schema);
    } catch (const Error&) {
      std::this_thread::sleep_for(delay);
    }
  }
  return Connection::open(dsn, schema);  // the last try's error is the one reported
}

AdminSession::AdminSession(const Dsn& dsn) : dsn_(dsn) {
  connection_ = Connection::open(dsn_, dsn_.database);
  connect();
}

void AdminSession::connect() {
  if (!connection_) connection_ = open_with_retry(dsn_, dsn_.database);
  // Timeout 0: the name is unique to this process, so nobody else can hold it.
  connection_->query("SELECT GET_LOCK(" + quote_literal(run_marker(scratch_run_id())) + ", 0)",
                     "marking the run as alive");
}

Connection& AdminSession::get() {
  if (!connection_->alive()) {
    connection_.reset();
    connect();
  }
  return *connection_;
}

}  // namespace crucible::mysql
