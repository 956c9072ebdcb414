// MysqlDatabase::read_committed: the data check reads every table before a migration and after
// its reverse. One SELECT per table on the migration's connection is a round trip and a
// statement object each, after a DROP TEMPORARY TABLE of the tables' names (a temporary table
// there would hide the real one): on the 200-migration corpus, 10,100 reads. Here they go in one
// multi-statement query string on a connection of their own, where no temporary table of the
// migrations' exists and the DSN's session settings are the only ones. It sees what the
// migration's connection has committed — everything, when that one has no transaction open,
// which MariaDB tells (@@in_transaction); MySQL has no such variable, and reads as before.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>

#include <optional>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_database.h"
#include "harness/engines/mysql/mysql_execute.h"
#include "harness/engines/mysql/mysql_result_set.h"

namespace crucible::mysql {
namespace {

// One multi-statement query string on `connection` and its results, one per read.
class ReadBatch {
 public:
  ReadBatch(Connection& connection, const std::vector<Statement>& reads, const TimeLimits& limits,
            std::function<void()> cancel, std::vector<QueryResult>& out)
      : connection_(connection), reads_(reads), limits_(limits), cancel_(std::move(cancel)),
        out_(out) {}

  // Sends reads[from..] and reads their results into out[from..]. The server runs no statement
  // after one that fails: returns the index after that one, for the caller to send the rest.
  size_t send_from(size_t from) {
    std::string text;
    for (size_t i = from; i < reads_.size(); ++i) text += (i > from ? ";\n" : "") + reads_[i].sql;
    std::unique_ptr<::sql::Statement> stmt(connection_.native().createStatement());
    size_t i = from;
    // A timer per result: the wait for one is at most its statement's run, so the limit is never
    // stricter than on a statement of its own.
    std::optional<StatementTimer> timer;
    try {
      for (;; ++i) {
        timer.emplace(limits_, cancel_);
        bool has_rows = i == from ? stmt->execute(text) : stmt->getMoreResults();
        if (!has_rows) return not_a_read(*stmt, i);
        std::unique_ptr<::sql::ResultSet> rs(stmt->getResultSet());  // read even when cancelled:
        read_result_set(*rs, out_[i]);  // the connection takes nothing else before it
        if (timer->expired()) {
          out_[i] = QueryResult{};
          out_[i].error = cancelled_error(*timer, std::nullopt, reads_[i]);
          drain(*stmt);
          return i + 1;
        }
        if (i + 1 == reads_.size()) return reads_.size();
      }
    } catch (const ::sql::SQLException& e) {
      if (Connection::is_lost(e.getErrorCode()))
        throw Error(fmt::format("{}: lost the connection: {}", connection_.label(), e.what()));
      ServerError error{e.getErrorCode(), e.getSQLState(), e.what()};
      out_[i] = QueryResult{};
      out_[i].error = timer && timer->expired()
          ? cancelled_error(*timer, error, reads_[i])
          : StatementError{error.message() + mysql8_hint(connection_, error), error.sqlstate,
                           reads_[i].where, reads_[i].sql};
      return i + 1;
    }
  }

 private:
  // After a cancelled statement: the results the server still sends (the next statement's
  // error, when the cancel reached that one instead), so that the connection can be used again.
  static void drain(::sql::Statement& stmt) {
    try {
      while (stmt.getMoreResults()) std::unique_ptr<::sql::ResultSet> discarded(stmt.getResultSet());
    } catch (const ::sql::SQLException&) {
    }
  }

  // A statement without a result set was given as a read: it and the rest are refused.
  size_t not_a_read(::sql::Statement& stmt, size_t at) {
    drain(stmt);
    for (size_t i = at; i < reads_.size(); ++i)
      out_[i].error = StatementError{"not a read: read_committed runs SELECTs only", "HY000",
                                     reads_[i].where, reads_[i].sql};
    return reads_.size();
  }

  Connection& connection_;
  const std::vector<Statement>& reads_;
  const TimeLimits& limits_;
  std::function<void()> cancel_;
  std::vector<QueryResult>& out_;
};

}  // namespace

std::optional<std::vector<QueryResult>> MysqlDatabase::read_committed(
    const std::vector<Statement>& reads) {
  if (reads.empty()) return std::vector<QueryResult>{};
  if (connection_->dialect().engine != "mariadb" || committed_reads_failed_) return std::nullopt;
  if (connection_->query("SELECT @@in_transaction", "asking whether a transaction is open")
          .at(0).integer(0) != 0)
    return std::nullopt;
  if (!committed_reads_) {
    try {
      committed_reads_ = Connection::open(access_.login, name_, Batching::multi_statement);
      apply_session(*committed_reads_, access_.login);
    } catch (const Error&) {  // a login limit, say: read on the migration's connection
      committed_reads_.reset();
      committed_reads_failed_ = true;
      return std::nullopt;
    }
  }
  std::vector<QueryResult> out(reads.size());
  ReadBatch batch(*committed_reads_, reads, time_limits(), canceller(*committed_reads_), out);
  for (size_t next = 0; next < reads.size();) next = batch.send_from(next);
  for (QueryResult& result : out) unqualify_error(result.error, name_);
  return out;
}

}  // namespace crucible::mysql
