// The PostgreSQL lock watch: every relation lock the migrating backend holds or waits for, from
// one snapshot of pg_locks per sample, with the number of other sessions waiting on the same
// relation. A relation the migration created and has not committed yet (the new heap of a table
// rewrite) is not in our snapshot of pg_class: it shows as "(uncommitted relation <oid>)".
// Catalog relations (pg_catalog, pg_toast, information_schema) are left out: every DDL
// touches them briefly and they never block the traffic's reads and writes.
#include <fmt/format.h>

#include "harness/bench/lock_watch.h"
#include "harness/common/error.h"

namespace crucible::bench {
namespace {

const std::string kLocksOfBackend = fmt::format(R"(
WITH l AS MATERIALIZED (SELECT * FROM pg_locks WHERE locktype = 'relation'
                          AND database = (SELECT oid FROM pg_database
                                          WHERE datname = current_database()))
SELECT CASE WHEN c.oid IS NULL THEN '{}' || l.relation || ')'
            ELSE c.oid::regclass::text END,
       l.mode, l.granted,
       (SELECT count(*) FROM l w WHERE NOT w.granted AND w.relation = l.relation
          AND w.pid <> l.pid)
FROM l
LEFT JOIN pg_class c ON c.oid = l.relation
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE l.pid = ? AND coalesce(n.nspname, '') NOT IN ('pg_catalog', 'pg_toast', 'information_schema'))",
    LockObservation::kUncommittedPrefix);

class PostgresLockWatch : public LockWatch {
 public:
  PostgresLockWatch(int64_t pid, std::unique_ptr<Database> session)
      : pid_(pid), session_(std::move(session)) {}

  std::string source() const override { return "pg_locks"; }

  void sample(LockTally& tally, double at_ms) override {
    QueryResult result = session_->query(watch_statement(kLocksOfBackend), {pid_});
    if (!result.ok()) throw Error("pg_locks: " + result.error->message);
    for (const auto& row : result.rows) {
      std::string mode = text_of(row.at(1));
      if (integer_of(row.at(2)) == 0) mode += " (waiting)";  // the migration itself waits
      tally.seen(text_of(row.at(0)), mode, integer_of(row.at(3)), at_ms);
    }
  }

 private:
  int64_t pid_;
  std::unique_ptr<Database> session_;
};

}  // namespace

std::unique_ptr<LockWatch> make_postgres_lock_watch(Database& migrating,
                                                    std::unique_ptr<Database> session) {
  QueryResult pid = migrating.query(watch_statement("SELECT pg_backend_pid()"));
  if (!pid.ok() || pid.rows.empty())
    throw Error(fmt::format("{}: cannot read the migrating session's backend pid: {}",
                            migrating.name(), pid.ok() ? "no row" : pid.error->message));
  return std::make_unique<PostgresLockWatch>(integer_of(pid.rows[0][0]), std::move(session));
}

}  // namespace crucible::bench
