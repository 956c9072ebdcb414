#include "harness/checks/data_check.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/checks/check_names.h"
#include "harness/checks/walkable_range.h"
#include "harness/data/sql_names.h"
#include "harness/data/table_hash.h"
#include "harness/replay/apply.h"
#include "harness/replay/restore.h"

namespace crucible {
namespace {

using data::TableContent;

// A forward that cannot take values the previous schema accepted: a data exception (class 22:
// a value too long or out of range for a narrowed type, a NULL in a column made NOT NULL),
// PostgreSQL's not_null_violation (NOT NULL column added without a default), or MariaDB's
// "Data truncated" (01000 in strict mode); SQLite, which has no SQLSTATE, says "NOT NULL"
// ("Cannot add a NOT NULL column with default value NULL" only once the table has rows; "NOT NULL
// constraint failed" when a rebuild copies NULLs into a NOT NULL column). Other failures — a CHECK or UNIQUE the migration adds,
// SQLSTATE class 23 — depend on what the rows are: production data may well fit.
bool rejects_existing_values(const StatementError& error) {
  return error.sqlstate.starts_with("22") || error.sqlstate == "23502" ||
         error.sqlstate == "01000" || error.message.find("NOT NULL") != std::string::npos;
}

std::optional<Status> linear_status(const EngineRun& linear, const Migration& m,
                                    std::string_view check) {
  for (const Result& r : linear.results)
    if (r.migration == m.version && r.check == check) return r.status;
  return std::nullopt;
}

// One line: PostgreSQL's messages carry DETAIL and HINT lines.
std::string error_text(const StatementError& error) {
  std::string message = error.message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::replace(message.begin(), message.end(), '\n', ' ');
  return fmt::format("{}: {}", error.where.str(), message);
}

// Where a migration's rows are checked.
enum class Place {
  transaction,  // the walking database, inside a transaction rolled back afterwards
  reused,       // the walking database, its tables emptied again afterwards (MariaDB, MySQL)
  copy,         // a database of its own at the version (a clone, or a replay)
};

class DataChecker {
 public:
  DataChecker(Engine& engine, const MigrationSet& set, const EngineRun& linear,
              const DataOptions& options)
      : engine_(engine), kind_(engine.kind()), set_(set), linear_(linear), options_(options),
        transactional_ddl_(engine.server_info().transactional_ddl), restorer_(engine, set) {
    for (size_t i : left_out_migrations(linear, set)) {
      restorer_.leave_out(i);
      left_out_.insert(i);
    }
  }

  std::vector<Result> run() {
    std::vector<Result> results;
    for (size_t i = 0; i < set_.migrations.size(); ++i) {
      const Migration& m = set_.migrations[i];
      // Not reported in this run (shard).
      if (!linear_status(linear_, m, check::kForward)) continue;
      auto started = std::chrono::steady_clock::now();
      Result r = check(i);
      r.duration_ms = std::chrono::duration<double, std::milli>(
          std::chrono::steady_clock::now() - started).count();
      results.push_back(std::move(r));
    }
    return results;
  }

 private:
  Result make(const Migration& m, Status status, std::string message) const {
    return result_for(std::string(engine_name(kind_)), m, check::kData, status, std::move(message));
  }

  // Why migration `m` is not checked, or nullopt.
  std::optional<std::string> skip_reason(const Migration& m) const {
    if (m.lossy) return fmt::format("declared lossy: {}", *m.lossy);
    if (m.irreversible) return fmt::format("declared irreversible: {}", *m.irreversible);
    const EngineScripts* scripts = m.for_engine(kind_);
    if (!scripts) return fmt::format("no script for {}", engine_name(kind_));
    if (!scripts->reverse) return std::string("no reverse to check");
    for (std::string_view step : {check::kForward, check::kReverse})
      if (linear_status(linear_, m, step) != Status::pass)
        return fmt::format("its {} did not pass in the linear run", step);
    return std::nullopt;
  }

  // The cheapest place that gives the same answer as a copy of the version. A program (Lua DSL,
  // Helium) commits its own transaction and a script marked to run outside one commits each
  // statement: neither can be undone by a rollback, so they run on a copy.
  Place place_for(const EngineScripts& scripts) const {
    if (!transactional_ddl_) return Place::reused;
    if (scripts.program || !scripts.forward.transactional || !scripts.reverse->transactional)
      return Place::copy;
    return Place::transaction;
  }

  Result check(size_t index) {
    const Migration& m = set_.migrations[index];
    if (auto reason = skip_reason(m)) return make(m, Status::skip, *reason);
    switch (place_for(*m.for_engine(kind_))) {
      case Place::transaction:
        if (auto r = check_in_transaction(index)) return std::move(*r);
        // A statement refused to run inside a transaction (CREATE INDEX CONCURRENTLY found at
        // run time): that migration runs on a copy, and the walk starts again to be sure.
        walker_.reset();
        return check_on_copy(index, "a statement cannot run inside a transaction");
      case Place::reused:
        return check_reused(index);
      case Place::copy:
        break;
    }
    return check_on_copy(index, m.for_engine(kind_)->program
                                    ? "the migration is a program that commits its own work"
                                    : "a script runs outside a transaction");
  }

  // fill → hash → forward → reverse → hash inside one transaction, rolled back: the walking
  // database is at the version again, with no clone and no drop. nullopt when a script cannot
  // run inside the transaction.
  std::optional<Result> check_in_transaction(size_t index) {
    const Migration& m = set_.migrations[index];
    Database& db = walker_at(index);
    catalog::Catalog catalog = without_bookkeeping(db.snapshot(), *m.for_engine(kind_));
    if (catalog.tables.empty())
      return make(m, Status::skip, "no tables before this migration: no rows to keep");
    db.begin();
    try {
      std::optional<Result> r = fill_and_round_trip(m, db, catalog);
      db.rollback();
      return r;
    } catch (...) {
      walker_.reset();  // in an unknown state: the next check replays to its version
      throw;
    }
  }

  // MariaDB and MySQL commit every DDL statement: the walking database is filled, checked, and
  // put back when forward + reverse left it as it was (rows kept, schema round-trips): every
  // table emptied, and the rows the migrations wrote themselves (seed data) copied back from a
  // temporary table (invisible to the catalog and to other sessions). When anything else
  // happened, or the put-back content differs, it is dropped and the next check replays.
  Result check_reused(size_t index) {
    const Migration& m = set_.migrations[index];
    Database& db = walker_at(index);
    // Put back whole, a program's bookkeeping tables included (Helium's applied versions), though
    // only the application's tables are filled and compared.
    catalog::Catalog whole = db.snapshot();
    catalog::Catalog catalog = without_bookkeeping(whole, *m.for_engine(kind_));
    if (catalog.tables.empty())
      return make(m, Status::skip, "no tables before this migration: no rows to keep");
    std::vector<bool> seeded = rows_present(db, whole);
    std::vector<TableContent> seeds;
    for (size_t t = 0; t < whole.tables.size(); ++t)
      if (seeded[t]) {
        seeds.push_back(read_all_columns(db, whole.tables[t]));
        if (!keep_rows(db, whole.tables[t], t)) return check_on_copy(index, "");
      }
    std::optional<Result> r = fill_and_round_trip(m, db, catalog);
    if (!r) throw Error(fmt::format("data: {} {}: a script refused to run", engine_name(kind_),
                                    m.version));
    bool unchanged = r->status == Status::pass && !linear_failure(linear_, m);
    if (!unchanged || !put_back(db, whole, seeded, seeds)) walker_.reset();
    return std::move(*r);
  }

  std::string keep_table(size_t t) const { return fmt::format("crucible_keep_{}", t); }

  bool keep_rows(Database& db, const catalog::Table& table, size_t t) const {
    Dialect dialect = dialect_of(kind_);
    return db.query(Statement{fmt::format("CREATE TEMPORARY TABLE {} AS SELECT * FROM {}",
                                          data::quote_identifier(keep_table(t), dialect),
                                          data::quote_name(table.name, dialect)),
                              SourceLocation{"<data check>", 0}}).ok();
  }

  TableContent read_all_columns(Database& db, const catalog::Table& table) const {
    std::vector<std::string> columns;
    for (const catalog::Column& c : table.columns) columns.push_back(c.name);
    return data::read_table(db, dialect_of(kind_), table.name, columns);
  }

  // Empties every table and copies the kept rows back (foreign keys unchecked while at it); true
  // when the tables then hold exactly what they held before the fill.
  bool put_back(Database& db, const catalog::Catalog& catalog, const std::vector<bool>& seeded,
                const std::vector<TableContent>& seeds) const {
    Dialect dialect = dialect_of(kind_);
    auto run = [&](const std::string& sql) {
      return db.query(Statement{sql, SourceLocation{"<data check>", 0}}).ok();
    };
    bool ok = run("SET FOREIGN_KEY_CHECKS = 0");
    for (size_t t = 0; t < catalog.tables.size(); ++t) {
      const catalog::Table& table = catalog.tables[t];
      ok = ok && run(fmt::format("DELETE FROM {}", data::quote_name(table.name, dialect)));
      if (!seeded[t]) continue;
      std::vector<std::string> columns;  // generated columns compute themselves
      for (const catalog::Column& c : table.columns)
        if (c.generated.empty()) columns.push_back(data::quote_identifier(c.name, dialect));
      std::string keep = data::quote_identifier(keep_table(t), dialect);
      ok = ok && run(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}",
                                 data::quote_name(table.name, dialect), fmt::join(columns, ", "),
                                 fmt::join(columns, ", "), keep));
      ok = run(fmt::format("DROP TEMPORARY TABLE {}", keep)) && ok;
    }
    ok = run("SET FOREIGN_KEY_CHECKS = 1") && ok;
    if (!ok) return false;
    // A trigger may have written elsewhere, a value may not have survived the copy.
    std::vector<bool> present = rows_present(db, catalog);
    size_t next_seed = 0;
    for (size_t t = 0; t < catalog.tables.size(); ++t) {
      if (!seeded[t]) {
        if (present[t]) return false;
        continue;
      }
      if (read_all_columns(db, catalog.tables[t]).hashes != seeds[next_seed++].hashes) return false;
    }
    return true;
  }

  // On a database of its own at the version: a clone of a cached template where the engine can,
  // else a replay.
  Result check_on_copy(size_t index, const std::string& why) {
    const Migration& m = set_.migrations[index];
    std::unique_ptr<Database> db = restorer_.restore(index);
    catalog::Catalog catalog = without_bookkeeping(db->snapshot(), *m.for_engine(kind_));
    if (catalog.tables.empty())
      return make(m, Status::skip, "no tables before this migration: no rows to keep");
    std::optional<Result> r = fill_and_round_trip(m, *db, catalog);
    if (!r) throw Error(fmt::format("data: {} {}: a script refused to run on a copy",
                                    engine_name(kind_), m.version));
    if (!why.empty()) r->message += fmt::format(" (checked on a copy of the version: {})", why);
    return std::move(*r);
  }

  std::optional<Result> fill_and_round_trip(const Migration& m, Database& db,
                                            const catalog::Catalog& catalog) {
    std::vector<data::TableFill> fills = data::fill_tables(db, kind_, catalog, options_.fill, &memory_);
    std::vector<TableContent> before = read_tables(db, catalog);
    if (std::all_of(before.begin(), before.end(), [](const auto& t) { return t.rows() == 0; }))
      return make(m, Status::skip, fmt::format("no generated row was accepted: {}", why_empty(fills)));
    return round_trip(m, db, before);
  }

  // The walking database at `version`: moved forward from where it is, or replayed into a new
  // scratch database when there is none or it is past the version.
  Database& walker_at(size_t version) {
    if (!walker_ || walker_version_ > version) {
      walker_ = engine_.create_scratch();
      walker_version_ = 0;
    }
    for (; walker_version_ < version; ++walker_version_) {
      if (left_out_.count(walker_version_)) continue;
      if (auto failed = move_between(*walker_, set_, kind_, walker_version_, walker_version_ + 1)) {
        walker_.reset();
        throw Error(fmt::format("{}: cannot reach version {}: {}", engine_name(kind_), version,
                                failed->describe()));
      }
    }
    return *walker_;
  }

  // One query: which tables hold a row? (true when that cannot be told: the safe answer)
  std::vector<bool> rows_present(Database& db, const catalog::Catalog& catalog) const {
    std::vector<std::string> exists;
    for (const catalog::Table& t : catalog.tables)
      exists.push_back(fmt::format("EXISTS (SELECT 1 FROM {})",
                                   data::quote_name(t.name, dialect_of(kind_))));
    QueryResult r = db.query(Statement{fmt::format("SELECT {}", fmt::join(exists, ", ")),
                                       SourceLocation{"<data check>", 0}});
    std::vector<bool> present(catalog.tables.size(), true);
    if (!r.ok() || r.rows.size() != 1 || r.rows[0].size() != present.size()) return present;
    for (size_t t = 0; t < present.size(); ++t) {
      const SqlValue& v = r.rows[0][t];
      present[t] = !std::holds_alternative<int64_t>(v) || std::get<int64_t>(v) != 0;
    }
    return present;
  }

  // nullopt: a script refused to run inside the caller's transaction (SQLSTATE 25001, nothing ran).
  static bool refused_in_transaction(const ExecResult& r) {
    return !r.ok() && r.rolled_back && r.error->sqlstate == "25001";
  }

  std::optional<Result> round_trip(const Migration& m, Database& db,
                                   const std::vector<TableContent>& before) {
    const EngineScripts& scripts = *m.for_engine(kind_);
    ExecResult forward = apply_step(db, scripts, ApplyDirection::forward);
    if (refused_in_transaction(forward)) return std::nullopt;
    if (!forward.ok()) {
      std::string what = error_text(*forward.error);
      if (rejects_existing_values(*forward.error))
        return located(make(m, Status::fail, fmt::format("forward fails on tables with rows: {}",
                                                         what)), *forward.error);
      return make(m, Status::skip,
                  fmt::format("forward fails with the generated rows (a constraint it adds that "
                              "random rows break?): {}", what));
    }
    ExecResult reverse = apply_step(db, scripts, ApplyDirection::reverse);
    if (refused_in_transaction(reverse)) return std::nullopt;
    if (!reverse.ok())
      return located(make(m, Status::fail, fmt::format("reverse fails with rows in the tables: {}",
                                                       error_text(*reverse.error))),
                     *reverse.error);
    std::vector<std::string> differences;
    for (const TableContent& table : before) {
      TableContent after = data::read_table(db, dialect_of(kind_), table.table, table.columns);
      std::string difference =
          data::describe_difference(table, after, "before forward", "after reverse");
      if (!difference.empty()) differences.push_back(difference);
    }
    if (differences.empty())
      return make(m, Status::pass, fmt::format("{} rows in {} tables kept by forward + reverse",
                                               total_rows(before), before.size()));
    std::string message = differences.front();
    if (differences.size() > 1) message += fmt::format(" (and {} more tables)", differences.size() - 1);
    Result r = make(m, Status::fail, message);
    r.location = SourceLocation{scripts.reverse->file, 0};
    return r;
  }

  static Result located(Result r, const StatementError& error) {
    r.location = error.where;
    r.sqlstate = error.sqlstate;
    r.statement = error.statement;
    return r;
  }

  static catalog::Catalog without_bookkeeping(catalog::Catalog catalog,
                                              const EngineScripts& scripts) {
    if (!scripts.program) return catalog;
    std::vector<std::string> own = scripts.program->bookkeeping_tables();
    std::erase_if(catalog.tables, [&](const catalog::Table& t) {
      return std::find(own.begin(), own.end(), t.name) != own.end();
    });
    return catalog;
  }

  std::vector<TableContent> read_tables(Database& db, const catalog::Catalog& catalog) const {
    std::vector<TableContent> out;
    for (const catalog::Table& table : catalog.tables) {
      std::vector<std::string> columns;
      for (const catalog::Column& c : table.columns) columns.push_back(c.name);
      out.push_back(data::read_table(db, dialect_of(kind_), table.name, columns));
      if (!out.back().error.empty())
        throw Error(fmt::format("data: cannot read table {} on {}: {}", table.name,
                                engine_name(kind_), out.back().error));
    }
    return out;
  }

  static size_t total_rows(const std::vector<TableContent>& tables) {
    size_t rows = 0;
    for (const auto& t : tables) rows += t.rows();
    return rows;
  }

  static std::string why_empty(const std::vector<data::TableFill>& fills) {
    std::vector<std::string> reasons;
    for (const auto& f : fills) {
      if (!f.not_generable.empty()) reasons.push_back(fmt::format("{}: {}", f.table, f.not_generable));
      else reasons.push_back(fmt::format("{}: {} rows rejected, first: {}", f.table, f.rejected,
                                         f.first_rejection));
    }
    return fmt::format("{}", fmt::join(reasons, "; "));
  }

  Engine& engine_;
  EngineKind kind_;
  const MigrationSet& set_;
  const EngineRun& linear_;
  const DataOptions& options_;
  bool transactional_ddl_;
  VersionRestorer restorer_;          // copies, for what cannot run in the walking database
  std::set<size_t> left_out_;         // migrations the linear run went on without
  std::unique_ptr<Database> walker_;  // the walking database, at walker_version_
  size_t walker_version_ = 0;
  data::FillMemory memory_;  // rows each table took before: unchanged tables take them again
};

}  // namespace

std::vector<Result> data_engine(Engine& engine, const MigrationSet& set, const EngineRun& linear,
                                const DataOptions& options) {
  // Generating rows a table accepts needs its exact column types and CHECKs; from a catalog
  // that cannot see them (the generic ODBC level) its rows would fail or pass by chance.
  if (!engine.server_info().catalog_sees_types_and_checks) {
    std::vector<Result> skipped;
    for (const Migration& m : set.migrations)
      skipped.push_back(result_for(std::string(engine_name(engine.kind())), m, check::kData,
                                   Status::skip,
                                   "the data check does not run over the generic ODBC catalog "
                                   "level: it cannot see the column types and CHECKs that "
                                   "generating rows needs"));
    return skipped;
  }
  return DataChecker(engine, set, linear, options).run();
}

}  // namespace crucible
