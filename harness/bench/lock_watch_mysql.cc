// The MySQL/MariaDB lock watch. Metadata locks are what a migration's DDL blocks traffic with.
//
// The waits come from information_schema.PROCESSLIST, the one source every server has: a
// session blocked by a metadata lock is in a state "Waiting for table metadata lock" (and
// friends), with the statement it runs in INFO; each wait is attributed to the first traffic
// table that statement names.
//
// The locks the migrating connection itself holds come from the METADATA_LOCK_INFO plugin where
// it is active (MariaDB), else from performance_schema.metadata_locks where that is instrumented
// (MySQL 8 by default; MariaDB with performance_schema=ON and the wait/lock/metadata/sql/mdl
// instrument), else nowhere: lock_source says which. The plugin comes first because it follows
// a lock's upgrades: on MariaDB 10.11 a COPY ALTER's lock shows as MDL_SHARED_NO_WRITE there, and
// as the SHARED_UPGRADABLE it was taken in throughout in performance_schema. Both sources name
// locks alike: a table lock under the table, any other under its object kind in parentheses
// ("(schema)"), and the mode as MDL_<TYPE>.
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "harness/bench/lock_watch.h"
#include "harness/common/error.h"
#include "harness/sql/lexer.h"

namespace crucible::bench {
namespace {

constexpr const char* kWaits =
    "SELECT ID, STATE, INFO FROM information_schema.PROCESSLIST "
    "WHERE DB = DATABASE() AND STATE LIKE 'Waiting for%' AND ID <> CONNECTION_ID()";

constexpr const char* kPerformanceSchemaInstrumented =
    "SELECT COUNT(*) FROM performance_schema.setup_instruments "
    "WHERE NAME = 'wait/lock/metadata/sql/mdl' AND ENABLED = 'YES' AND @@performance_schema = 1";
// Kind, name, lock type ("SHARED_NO_WRITE") of the granted locks of one connection.
constexpr const char* kHeldFromPerformanceSchema =
    "SELECT ml.OBJECT_TYPE, ml.OBJECT_NAME, ml.LOCK_TYPE "
    "FROM performance_schema.metadata_locks ml "
    "JOIN performance_schema.threads th ON th.THREAD_ID = ml.OWNER_THREAD_ID "
    "WHERE th.PROCESSLIST_ID = ? AND ml.OBJECT_SCHEMA = DATABASE() AND ml.LOCK_STATUS = 'GRANTED'";

constexpr const char* kPluginActive =
    "SELECT COUNT(*) FROM information_schema.PLUGINS "
    "WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'";
// Kind ("Table metadata lock"), name, mode ("MDL_SHARED_NO_WRITE") of one connection's locks.
constexpr const char* kHeldFromPlugin =
    "SELECT LOCK_TYPE, TABLE_NAME, LOCK_MODE FROM information_schema.METADATA_LOCK_INFO "
    "WHERE THREAD_ID = ? AND TABLE_SCHEMA = DATABASE()";

QueryResult must_query(Database& db, const std::string& sql, const std::vector<SqlValue>& params = {}) {
  QueryResult result = db.query(watch_statement(sql), params);
  if (!result.ok()) throw Error(fmt::format("{}: {} (in: {})", db.name(), result.error->message, sql));
  return result;
}

bool counts_any(Database& db, const std::string& sql) {
  return integer_of(must_query(db, sql).rows.at(0).at(0)) > 0;
}

// The first of `tables` (lower case) that the statement text names, or "(other)".
std::string table_named_in(const std::string& statement, const std::vector<std::string>& tables) {
  for (const sql::Token& token : sql::tokenize(statement, Dialect::mysql)) {
    if (token.kind != sql::TokenKind::word && token.kind != sql::TokenKind::quoted_id) continue;
    std::string word = sql::ascii_lower(sql::identifier_text(token));
    for (const std::string& table : tables)
      if (word == table) return table;
  }
  return "(other)";
}

// The report's name for a locked object: the table itself, or "(kind name)" for the rest.
// `kind` is performance_schema's OBJECT_TYPE ("SCHEMA") or the plugin's LOCK_TYPE ("Stored
// function metadata lock"): both come down to the same lower-case word.
std::string locked_object(std::string kind, const std::string& name) {
  constexpr std::string_view kStored = "stored ", kLock = " metadata lock";
  kind = sql::ascii_lower(kind);
  if (kind.starts_with(kStored)) kind.erase(0, kStored.size());
  if (kind.ends_with(kLock)) kind.erase(kind.size() - kLock.size());
  if (kind == "table") return sql::ascii_lower(name);
  return fmt::format("({}{}{})", kind, name.empty() ? "" : " ", name);
}

// Which held-lock source `wanted` resolves to on this server; throws when a source asked for by
// name is not there.
MysqlHeldLocks resolve(Database& db, MysqlHeldLocks wanted) {
  if (wanted == MysqlHeldLocks::none) return wanted;
  bool instrumented = counts_any(db, kPerformanceSchemaInstrumented);
  bool plugin = counts_any(db, kPluginActive);
  if (wanted == MysqlHeldLocks::best)
    return plugin         ? MysqlHeldLocks::lock_info_plugin
           : instrumented ? MysqlHeldLocks::performance_schema
                          : MysqlHeldLocks::none;
  if (wanted == MysqlHeldLocks::performance_schema && !instrumented)
    throw Error(fmt::format("{}: performance_schema.metadata_locks is not instrumented "
                            "(needs performance_schema=ON and wait/lock/metadata/sql/mdl)",
                            db.name()));
  if (wanted == MysqlHeldLocks::lock_info_plugin && !plugin)
    throw Error(fmt::format("{}: the METADATA_LOCK_INFO plugin is not active", db.name()));
  return wanted;
}

std::string source_of(MysqlHeldLocks held) {
  switch (held) {
    case MysqlHeldLocks::performance_schema:
      return "performance_schema.metadata_locks + information_schema.PROCESSLIST";
    case MysqlHeldLocks::lock_info_plugin:
      return "information_schema.METADATA_LOCK_INFO + information_schema.PROCESSLIST";
    default:
      return "information_schema.PROCESSLIST (metadata-lock waits only; the locks the migration "
             "holds need the METADATA_LOCK_INFO plugin or performance_schema's metadata-lock "
             "instrument)";
  }
}

class MysqlLockWatch : public LockWatch {
 public:
  MysqlLockWatch(int64_t migrating_id, std::unique_ptr<Database> session,
                 std::vector<std::string> tables, MysqlHeldLocks held)
      : migrating_id_(migrating_id), session_(std::move(session)) {
    for (const std::string& table : tables) tables_.push_back(sql::ascii_lower(table));
    held_ = resolve(*session_, held);
  }

  std::string source() const override { return source_of(held_); }

  void sample(LockTally& tally, double at_ms) override {
    std::map<std::string, int64_t> waiters_on = sample_waits(tally, at_ms);
    if (held_ == MysqlHeldLocks::none) return;
    bool from_plugin = held_ == MysqlHeldLocks::lock_info_plugin;
    for (const auto& row :
         must_query(*session_, from_plugin ? kHeldFromPlugin : kHeldFromPerformanceSchema,
                    {migrating_id_})
             .rows) {
      std::string object = locked_object(text_of(row.at(0)), text_of(row.at(1)));
      std::string mode = (from_plugin ? "" : "MDL_") + text_of(row.at(2));
      tally.seen(object, mode, waiters_on[object], at_ms);
    }
  }

 private:
  // Records the process list's waits; returns how many sessions wait on each table.
  std::map<std::string, int64_t> sample_waits(LockTally& tally, double at_ms) {
    std::map<std::pair<std::string, std::string>, int64_t> waits;  // (table, state) -> sessions
    std::map<std::string, int64_t> waiters_on;
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
    return waiters_on;
  }

  int64_t migrating_id_;
  std::unique_ptr<Database> session_;
  std::vector<std::string> tables_;
  MysqlHeldLocks held_ = MysqlHeldLocks::none;
};

}  // namespace

std::unique_ptr<LockWatch> make_mysql_lock_watch(Database& migrating,
                                                 std::unique_ptr<Database> session,
                                                 std::vector<std::string> tables,
                                                 MysqlHeldLocks held) {
  int64_t id = integer_of(must_query(migrating, "SELECT CONNECTION_ID()").rows.at(0).at(0));
  return std::make_unique<MysqlLockWatch>(id, std::move(session), std::move(tables), held);
}

}  // namespace crucible::bench
