// The MySQL/MariaDB lock watch. Metadata locks are what a migration's DDL blocks traffic with,
// and the one source every server has is information_schema.PROCESSLIST: a session blocked by
// one is in a state "Waiting for table metadata lock" (and friends), with the statement it runs
// in INFO. Each wait is attributed to the first traffic table that statement names. When the
// METADATA_LOCK_INFO plugin is active (MariaDB), the migrating connection's own metadata locks
// are listed too. performance_schema.metadata_locks is not read (it is off by default on
// MariaDB, and there is no MySQL 8 server to test against here): lock_source says so.
#include <map>

#include <fmt/format.h>

#include "harness/bench/lock_watch.h"
#include "harness/common/error.h"
#include "harness/sql/lexer.h"

namespace crucible::bench {
namespace {

constexpr const char* kWaits =
    "SELECT ID, STATE, INFO FROM information_schema.PROCESSLIST "
    "WHERE DB = DATABASE() AND STATE LIKE 'Waiting for%' AND ID <> CONNECTION_ID()";
constexpr const char* kPluginActive =
    "SELECT COUNT(*) FROM information_schema.PLUGINS "
    "WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'";
constexpr const char* kLocksOfThread =
    "SELECT TABLE_NAME, LOCK_MODE FROM information_schema.METADATA_LOCK_INFO "
    "WHERE THREAD_ID = ? AND TABLE_SCHEMA = DATABASE()";

QueryResult must_query(Database& db, const std::string& sql, const std::vector<SqlValue>& params = {}) {
  QueryResult result = db.query(watch_statement(sql), params);
  if (!result.ok()) throw Error(fmt::format("{}: {} (in: {})", db.name(), result.error->message, sql));
  return result;
}

// The first of `tables` (lower case) that the statement text names, or "(other)".
std::string table_named_in(const std::string& statement, const std::vector<std::string>& tables) {
  for (const sql::Token& token : sql::tokenize(statement, Dialect::mysql)) {
    std::string_view text = token.text;
    if (token.kind == sql::TokenKind::quoted_id && text.size() >= 2)
      text = text.substr(1, text.size() - 2);
    else if (token.kind != sql::TokenKind::word)
      continue;
    std::string word = sql::ascii_lower(text);
    for (const std::string& table : tables)
      if (word == table) return table;
  }
  return "(other)";
}

class MysqlLockWatch : public LockWatch {
 public:
  MysqlLockWatch(int64_t migrating_id, std::unique_ptr<Database> session,
                 std::vector<std::string> tables)
      : migrating_id_(migrating_id), session_(std::move(session)) {
    for (const std::string& table : tables) tables_.push_back(sql::ascii_lower(table));
    lock_info_ = integer_of(must_query(*session_, kPluginActive).rows.at(0).at(0)) > 0;
    bool performance_schema =
        integer_of(must_query(*session_, "SELECT @@performance_schema").rows.at(0).at(0)) > 0;
    source_ = lock_info_ ? "information_schema.METADATA_LOCK_INFO + PROCESSLIST"
                         : fmt::format("information_schema.PROCESSLIST (metadata-lock waits only: "
                                       "performance_schema is {} and the METADATA_LOCK_INFO "
                                       "plugin is not installed)",
                                       performance_schema ? "on but not read" : "off");
  }

  std::string source() const override { return source_; }

  void sample(LockTally& tally, double at_ms) override {
    std::map<std::pair<std::string, std::string>, int64_t> waits;  // (table, state) -> sessions
    std::map<std::string, int64_t> waiters_on;                      // table -> sessions
    for (const auto& row : must_query(*session_, kWaits).rows) {
      std::string table = table_named_in(text_of(row.at(2)), tables_);
      std::string state = text_of(row.at(1));
      if (integer_of(row.at(0)) == migrating_id_) {
        tally.seen(table, state + " (the migration waits)", 0, at_ms);
        continue;
      }
      ++waits[{table, state}];
      ++waiters_on[table];
    }
    for (const auto& [key, sessions] : waits) tally.seen(key.first, key.second, sessions, at_ms);
    if (!lock_info_) return;
    for (const auto& row : must_query(*session_, kLocksOfThread, {migrating_id_}).rows) {
      std::string table = sql::ascii_lower(text_of(row.at(0)));
      tally.seen(table, text_of(row.at(1)), waiters_on[table], at_ms);
    }
  }

 private:
  int64_t migrating_id_;
  std::unique_ptr<Database> session_;
  std::vector<std::string> tables_;
  bool lock_info_ = false;
  std::string source_;
};

}  // namespace

std::unique_ptr<LockWatch> make_mysql_lock_watch(Database& migrating,
                                                 std::unique_ptr<Database> session,
                                                 std::vector<std::string> tables) {
  int64_t id = integer_of(must_query(migrating, "SELECT CONNECTION_ID()").rows.at(0).at(0));
  return std::make_unique<MysqlLockWatch>(id, std::move(session), std::move(tables));
}

}  // namespace crucible::bench
