#include "harness/checks/data_check.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/checks/check_names.h"
#include "harness/checks/forward_refusal.h"
#include "harness/checks/rows_free_schema.h"
#include "harness/checks/walkable_range.h"
#include "harness/data/sql_names.h"
#include "harness/data/table_hash.h"
#include "harness/data/table_marks.h"
#include "harness/data/table_rows.h"
#include "harness/replay/apply.h"
#include "harness/replay/restore.h"
#include "harness/sql/lexer.h"

namespace crucible {
namespace {

using data::TableColumns;  // a table and the columns the check reads: those before the forward
using data::TableContent;

// The names a migration's scripts spell (words and quoted identifiers, in lower case). A table
// named there is read before the forward even where its marks could vouch for it: they would
// most likely show it changed after the reverse, and reading it then as it was means rolling
// the forward back and running it again. Only a guess about cost: what is compared is decided
// by the marks alone.
std::set<std::string> names_in(const EngineScripts& scripts, Dialect dialect) {
  std::set<std::string> names;
  for (const Script* script : {&scripts.forward, scripts.reverse ? &*scripts.reverse : nullptr})
    if (script)
      for (const Statement& statement : script->statements)
        for (const sql::Token& token : sql::tokenize(statement.sql, dialect))
          if (token.kind == sql::TokenKind::word || token.kind == sql::TokenKind::quoted_id)
            names.insert(sql::ascii_lower(sql::identifier_text(token)));
  return names;
}

// Whether `table` (as the catalog names it: "schema.table" outside the default schema) is in
// `names`.
bool named(const std::set<std::string>& names, const std::string& table) {
  std::string name = sql::ascii_lower(table);
  return names.count(name) || names.count(name.substr(name.rfind('.') + 1));
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
  transaction,  // the walking database, the check inside a savepoint rolled back afterwards
  reused,       // the walking database, its rows kept when the check left them as they were
  copy,         // a database of its own at the version (a clone, or a replay)
};

// Which script of a data check's round trip failed.
enum class Failed { none, forward, reverse };

class DataChecker {
 public:
  // `feed`: null when `linear` is the whole linear run; else the checker runs beside the linear
  // pass and learns its results from the feed, migration by migration.
  DataChecker(Engine& engine, const MigrationSet& set, EngineRun linear, LinearFeed* feed,
              const DataOptions& options)
      : kind_(engine.kind()), set_(set), linear_(std::move(linear)), feed_(feed),
        options_(options), transactional_ddl_(engine.server_info().transactional_ddl),
        // A login with every right could turn the statistics the marks rest on off and on again.
        marks_(!engine.server_info().containment.starts_with("containment off")),
        restorer_(engine, set) {
    learn_left_out();
    if (feed_ && !transactional_ddl_) feed_->keep_starts();
    for (size_t i = 0; i < set_.migrations.size() && rows_free_until_ == set_.migrations.size();
         ++i)
      if (const EngineScripts* scripts = set_.migrations[i].for_engine(kind_);
          scripts && !schema_effect_is_rows_free(*scripts, dialect_of(kind_)))
        rows_free_until_ = i;
  }

  std::vector<Result> run() {
    std::vector<Result> results;
    // Beside the linear pass, the walking database is made while the linear pass makes its own
    // and runs the first migration: creating a database is most of a small set's data check on
    // a server (≈ 100 ms on PostgreSQL, an fsync of the new files), and would otherwise wait.
    if (feed_ && !set_.migrations.empty()) start_walker();
    for (size_t i = 0; i < set_.migrations.size(); ++i) {
      if (feed_) {
        if (!feed_->wait_for(i, linear_.results)) break;  // no results come for the rest
        learn_left_out();
      }
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
  // --keep-going: the migrations the linear pass went on without, as far as it has said; known
  // for every migration before one whose forward passed, so always before a check needs it.
  void learn_left_out() {
    for (; scanned_ < linear_.results.size(); ++scanned_) {
      const Result& r = linear_.results[scanned_];
      if (r.check == check::kForward && r.status == Status::error) forward_failed_ = true;
    }
    if (!forward_failed_) return;  // nothing can have been left out (and this runs per migration)
    for (size_t i : left_out_migrations(linear_, set_))
      if (left_out_.insert(i).second) restorer_.leave_out(i);
  }

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

  // The walking database keeps its rows from version to version: in one transaction, the tables
  // without generated rows are filled and the check runs inside a savepoint, its reverse in one
  // more that is rolled back, so that the walking database is left after the check's forward,
  // with its rows, and commits. Where that cannot be (the forward failed, or a table has to be
  // read again as it was before the forward), the check's savepoint is rolled back and the
  // forward runs again; when it refuses the rows (the check said so), all is rolled back and
  // the next check replays without rows. nullopt when a script cannot run inside the
  // transaction.
  std::optional<Result> check_in_transaction(size_t index) {
    const Migration& m = set_.migrations[index];
    Database& db = walker_at(index);
    catalog::Catalog catalog = checked_tables(db, db.snapshot(), *m.for_engine(kind_));
    if (catalog.tables.empty())
      return make(m, Status::skip, "no tables before this migration: no rows to keep");
    db.begin();
    try {
      std::optional<std::vector<data::TableFill>> fills = fill_missing(db, catalog);
      if (!fills) {  // start again without rows
        db.rollback();
        walker_.reset();
        return check_in_transaction(index);
      }
      db.begin();  // a savepoint: undoes the check, keeps the rows
      bool forwarded = false;
      std::optional<Result> r = round_trip_in_savepoint(m, db, catalog, *fills, forwarded);
      bool walked = r && forwarded;
      if (walked) db.commit();
      else db.rollback();
      if (r && (walked || walk_forward_in_transaction(db, catalog, index))) {
        db.commit();
        walker_version_ = index + 1;
      } else {
        db.rollback();
        walker_.reset();
      }
      return r;
    } catch (...) {
      walker_.reset();  // in an unknown state: the next check replays to its version
      throw;
    }
  }

  // The walking database, in the check's transaction, one migration forward with its rows; when
  // the forward refuses them, again with the generated rows emptied (walk_forward_emptied).
  bool walk_forward_in_transaction(Database& db, const catalog::Catalog& catalog, size_t index) {
    if (!move_between(db, set_, kind_, index, index + 1)) return true;
    return walk_forward_emptied(db, catalog, index);
  }

  // One migration forward with the tables that hold only generated rows (and are referred to
  // only by such tables) emptied — they are filled anew at the next check — which is cheaper
  // than a new database and a replay.
  bool walk_forward_emptied(Database& db, const catalog::Catalog& catalog, size_t index) {
    std::vector<bool> present = rows_present(db, catalog);
    // Each table that can go with the tables referring to it, without a row of another kind.
    std::set<std::string> emptiable;
    for (const auto& [name, filled] : generated_)
      if (filled.rows >= 0)
        for (const catalog::Table* table : closure_to_empty(db, catalog, present, {name}))
          emptiable.insert(table->name);
    std::vector<const catalog::Table*> generated = closure_to_empty(db, catalog, present, emptiable);
    if (generated.empty() || !empty_tables(db, generated)) return false;
    for (const catalog::Table* table : generated) generated_.erase(table->name);
    return !move_between(db, set_, kind_, index, index + 1);
  }

  // MariaDB and MySQL commit every DDL statement: the walking database is checked with the rows
  // it holds (tables without generated rows filled first) and keeps them when forward + reverse
  // left it as it was — the rows compared equal, the linear run saw the schema round-trip, a
  // program's bookkeeping rows are what they were — or when the forward failed with them but
  // left no trace (walk_past_failed_forward). Otherwise it is dropped and the next check replays
  // without rows.
  Result check_reused(size_t index) {
    const Migration& m = set_.migrations[index];
    Database& db = walker_at(index);
    bool in_step = false;
    std::shared_ptr<const catalog::Catalog> schema = walker_schema(db, index, in_step);
    const catalog::Catalog& whole = *schema;
    catalog::Catalog catalog = checked_tables(db, whole, *m.for_engine(kind_));
    if (catalog.tables.empty())
      return make(m, Status::skip, "no tables before this migration: no rows to keep");
    std::vector<TableContent> bookkeeping = read_bookkeeping(db, whole, catalog);
    std::optional<std::vector<data::TableFill>> fills = fill_missing(db, catalog);
    if (!fills) {  // start again without rows
      walker_.reset();
      return check_reused(index);
    }
    std::vector<TableContent> before = read_tables(db, catalog);
    if (auto none = without_rows(m, before, *fills)) return std::move(*none);
    Failed failed = Failed::none;
    std::optional<Result> r = round_trip(m, db, before, &failed);
    if (!r) throw Error(fmt::format("data: {} {}: a script refused to run", engine_name(kind_),
                                    m.version));
    bool rows_kept = r->status == Status::pass &&
                     same_content(bookkeeping, read_bookkeeping(db, whole, catalog));
    bool unchanged = rows_kept && !linear_failure(linear_, m);
    if (unchanged && in_step) round_tripped_at_ = index;
    bool kept = unchanged ||
                (failed == Failed::forward &&
                 walk_past_failed_forward(db, whole, catalog, before, bookkeeping, index)) ||
                (failed == Failed::none && walk_on_after_round_trip(m, index, rows_kept));
    if (!kept) walker_.reset();
    return std::move(*r);
  }

  // After a round trip that changed the rows or the schema (the linear run's failed), the
  // walking database is where the reverse left it. It moves on to the next version instead of a
  // new database and a replay of every version before that one (ory/hydra's reverses on MariaDB
  // made 88 of those in a 176 s run; 22 now) when that gets where a walk forward on PostgreSQL
  // would, never to rows a faulty reverse left: a reverse that runs no statement left the
  // database where the forward did; a reverse that gave the rows back (`rows_kept`) did too once
  // the forward runs again, where the linear run saw forward, reverse, forward give the first
  // forward's schema (its re-apply passed).
  bool walk_on_after_round_trip(const Migration& m, size_t index, bool rows_kept) {
    const EngineScripts& scripts = *m.for_engine(kind_);
    if (scripts.program) return false;  // its bookkeeping rows are not known to be where they were
    bool there = reverse_is_empty(scripts) ||
                 (rows_kept && linear_status(linear_, m, check::kReapply) == Status::pass &&
                  !move_between(*walker_, set_, kind_, index, index + 1));
    if (there) walker_version_ = index + 1;
    return there;
  }

  // A forward that failed with the rows the walking database holds (a CHECK it adds that they
  // break) usually stops at its first statement, before any change: then the walking database
  // moves on with the generated rows emptied, as in a transaction on PostgreSQL, instead of a
  // new database and a replay of every version before it. MariaDB runs each DDL statement on its
  // own, so "before any change" is checked, not assumed: the schema, the rows and a program's
  // bookkeeping as they were before the forward.
  bool walk_past_failed_forward(Database& db, const catalog::Catalog& whole,
                                const catalog::Catalog& catalog,
                                const std::vector<TableContent>& before,
                                const std::vector<TableContent>& bookkeeping, size_t index) {
    if (!(db.snapshot() == whole)) return false;
    if (!same_content(before, read_tables_as_they_are(db, catalog))) return false;
    if (!same_content(bookkeeping, read_bookkeeping(db, whole, catalog))) return false;
    if (!walk_forward_emptied(db, catalog, index)) return false;
    walker_version_ = index + 1;
    return true;
  }

  // The rows of a program's own tables (Helium's applied versions): not checked, but the walking
  // database is kept only when they are as they were.
  std::vector<TableContent> read_bookkeeping(Database& db, const catalog::Catalog& whole,
                                             const catalog::Catalog& checked) const {
    catalog::Catalog own;
    for (const catalog::Table& table : whole.tables)
      if (!checked.find_table(table.name)) own.tables.push_back(table);
    return read_tables_as_they_are(db, own);
  }

  // Both read, and the same rows (a table that cannot be read is never the same as anything).
  static bool same_content(const std::vector<TableContent>& a, const std::vector<TableContent>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!a[i].error.empty() || !b[i].error.empty() || a[i].hashes != b[i].hashes) return false;
    return true;
  }

  // Fills the tables that hold no generated row: new tables, tables a migration emptied or
  // re-created, and tables holding only rows the migrations wrote (seed data, filled once on
  // top of them as on a copy). The others keep the rows they carried through the forwards,
  // except a table whose definition changed since it was filled: its rows hold only what the
  // forward gave them (a column added with its default), which would hide a reverse that puts
  // that default back, so it is emptied with the tables that refer to it and filled again —
  // or, when that would lose rows a migration wrote, given a fresh set on top (rows the new
  // definition lets in, e.g. repeats once a UNIQUE index is gone). When a table with generated rows went away, a new table with rows may be it renamed: its
  // rows count as generated, so that no table gets more than one set. nullopt when emptying
  // a table failed (the walking database is then in an unknown state).
  std::optional<std::vector<data::TableFill>> fill_missing(Database& db,
                                                           const catalog::Catalog& catalog) {
    size_t had = generated_.size();
    std::erase_if(generated_, [&](const auto& g) { return !catalog.find_table(g.first); });
    bool maybe_renamed = generated_.size() < had;
    std::vector<bool> present = rows_present(db, catalog);
    std::set<std::string> changed = changed_tables(catalog);
    std::vector<const catalog::Table*> stale = closure_to_empty(db, catalog, present, changed);
    if (!stale.empty() && !empty_tables(db, stale)) return std::nullopt;
    for (const catalog::Table* table : stale) {
      generated_.erase(table->name);
      present[static_cast<size_t>(table - catalog.tables.data())] = false;
    }
    catalog::Catalog missing = catalog;
    missing.tables.clear();
    for (size_t t = 0; t < catalog.tables.size(); ++t) {
      const catalog::Table& table = catalog.tables[t];
      if (present[t] && !generated_.count(table.name) && maybe_renamed)
        generated_.emplace(table.name, Filled{definition_of(catalog, table), -1});
      bool on_top = changed.count(table.name) && generated_.count(table.name);
      if (!present[t] || !generated_.count(table.name) || on_top) missing.tables.push_back(table);
    }
    if (missing.tables.empty()) return std::vector<data::TableFill>{};
    std::vector<data::TableFill> fills =
        data::fill_tables(db, kind_, missing, options_.fill, &memory_);
    for (const data::TableFill& f : fills) {
      size_t t = static_cast<size_t>(catalog.find_table(f.table) - catalog.tables.data());
      bool on_top = present[t] && changed.count(f.table);  // its new definition is now known
      if (f.inserted > 0 || on_top)
        generated_.insert_or_assign(f.table,
                                    Filled{definition_of(catalog, catalog.tables[t]),
                                           present[t] ? -1 : f.inserted});
    }
    return fills;
  }

  // The tables with generated rows whose definition changed since they were filled.
  std::set<std::string> changed_tables(const catalog::Catalog& catalog) const {
    std::set<std::string> changed;
    for (const catalog::Table& table : catalog.tables) {
      auto found = generated_.find(table.name);
      if (found != generated_.end() && !(found->second.definition == definition_of(catalog, table)))
        changed.insert(table.name);
    }
    return changed;
  }

  // `closure` with every table that refers to one in it, children first; none when one of them
  // holds rows other than generated ones.
  std::vector<const catalog::Table*> closure_to_empty(Database& db, const catalog::Catalog& catalog,
                                                      const std::vector<bool>& present,
                                                      std::set<std::string> closure) const {
    if (closure.empty()) return {};
    for (bool grew = true; grew;) {
      grew = false;
      for (const catalog::Table& table : catalog.tables)
        for (const catalog::ForeignKey& fk : table.foreign_keys)
          if (closure.count(fk.ref_table) && closure.insert(table.name).second) grew = true;
    }
    std::vector<const catalog::Table*> out;
    std::vector<std::string> counts;
    std::vector<int> expected;
    for (const catalog::Table* table : data::parents_first(catalog)) {
      if (!closure.count(table->name)) continue;
      out.insert(out.begin(), table);
      auto found = generated_.find(table->name);
      if (found == generated_.end()) {
        if (present[table - catalog.tables.data()]) return {};
        continue;
      }
      if (found->second.rows < 0) return {};
      counts.push_back(fmt::format("(SELECT COUNT(*) FROM {})",
                                   data::quote_name(table->name, dialect_of(kind_))));
      expected.push_back(found->second.rows);
    }
    if (counts.empty()) return out;
    QueryResult r = db.query(Statement{fmt::format("SELECT {}", fmt::join(counts, ", ")),
                                       SourceLocation{"<data check>", 0}});
    if (!r.ok() || r.rows.size() != 1 || r.rows[0].size() != counts.size()) return {};
    for (size_t i = 0; i < counts.size(); ++i)
      if (data::integer_of(r.rows[0][i]) != expected[i]) return {};
    return out;
  }

  // Deletes every row of `tables` (children first; MariaDB and MySQL with foreign key checks
  // off, for cycles, and then as the session had them: --session may have turned them off for
  // the migrations). On PostgreSQL and SQLite inside a savepoint: a failure leaves no trace of
  // the deletes but aborts nothing.
  bool empty_tables(Database& db, const std::vector<const catalog::Table*>& tables) const {
    Dialect dialect = dialect_of(kind_);
    const SourceLocation where{"<data check>", 0};
    auto run = [&](const std::string& sql) { return db.query(Statement{sql, where}).ok(); };
    bool mysql = dialect == Dialect::mysql;
    std::optional<int64_t> checks;
    if (mysql) {
      QueryResult r = db.query(Statement{"SELECT @@SESSION.FOREIGN_KEY_CHECKS", where});
      if (r.ok() && r.rows.size() == 1 && r.rows[0].size() == 1)
        checks = data::integer_of(r.rows[0][0]);
      if (!checks) return false;
    }
    if (!mysql) db.begin();
    bool ok = !mysql || run("SET FOREIGN_KEY_CHECKS = 0");
    for (const catalog::Table* table : tables)
      ok = ok && run(fmt::format("DELETE FROM {}", data::quote_name(table->name, dialect)));
    if (mysql) ok = run(fmt::format("SET FOREIGN_KEY_CHECKS = {}", *checks)) && ok;
    else if (ok) db.commit();
    else db.rollback();
    return ok;
  }

  // On a database of its own at the version: a clone of a cached template where the engine can,
  // else a replay.
  Result check_on_copy(size_t index, const std::string& why) {
    const Migration& m = set_.migrations[index];
    std::unique_ptr<Database> db = restorer_.restore(index);
    catalog::Catalog catalog = checked_tables(*db, db->snapshot(), *m.for_engine(kind_));
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
    return round_trip_filled(m, db, catalog, fills);
  }

  std::optional<Result> round_trip_filled(const Migration& m, Database& db,
                                          const catalog::Catalog& catalog,
                                          const std::vector<data::TableFill>& fills) {
    std::vector<TableContent> before = read_tables(db, catalog);
    if (auto none = without_rows(m, before, fills)) return none;
    return round_trip(m, db, before);
  }

  // A skip when no table holds a row to keep.
  std::optional<Result> without_rows(const Migration& m, const std::vector<TableContent>& before,
                                     const std::vector<data::TableFill>& fills) const {
    if (std::any_of(before.begin(), before.end(), [](const auto& t) { return t.rows() > 0; }))
      return std::nullopt;
    return make(m, Status::skip, fmt::format("no generated row was accepted: {}", why_empty(fills)));
  }

  // The walking database at `version`: moved forward from where it is with the rows it holds,
  // or a new one without rows when there is none, it is past the version, or a forward refused
  // the rows it carried (a migration skipped here, say). A new one is a clone of the version's
  // template where the engine can clone (VersionRestorer: the templates check_on_copy uses, each
  // moved forward from the one before), else a replay of every forward before the version. On
  // LemmyNet/lemmy (PostgreSQL) the walking database started again five times, each a replay of
  // up to 300 migrations: most of the data check's time.
  Database& walker_at(size_t version) {
    if (walker_ && walker_version_ <= version) {
      if (!walk_to(version)) return *walker_;
      walker_.reset();
    }
    start_walker(version);
    return *walker_;
  }

  // A new walking database at `version`, without rows (its commits, like every scratch
  // database's, need not wait for the disk: EngineOptions::throwaway_commits). Throws when a
  // forward on the way fails.
  void start_walker(size_t version = 0) {
    walker_ = restorer_.restore(version);
    walker_version_ = version;
    generated_.clear();
    round_tripped_at_.reset();
    stepped_to_.reset();
  }

  std::optional<MoveError> walk_to(size_t version) {
    for (; walker_version_ < version; ++walker_version_) {
      // The walking database took the check's forward and reverse in step; this forward is
      // the third of the linear pass's steps.
      const bool in_step =
          round_tripped_at_ == walker_version_ && walker_version_ < rows_free_until_;
      round_tripped_at_.reset();
      stepped_to_.reset();
      if (left_out_.count(walker_version_)) continue;
      if (auto failed = move_between(*walker_, set_, kind_, walker_version_, walker_version_ + 1))
        return failed;
      if (in_step) stepped_to_ = walker_version_ + 1;
    }
    return std::nullopt;
  }

  // The walking database's schema as check `index` begins (MariaDB, MySQL). While the walking
  // database is in step with the linear pass's — the two were snapshotted alike as a migration
  // began, and each has since run that migration's forward, reverse and forward again, whole,
  // with scripts whose effect on the schema cannot depend on the rows (rows_free_schema.h) —
  // it is the linear pass's snapshot of its own: on the 200-migration corpus a snapshot was
  // 15 % of the data check's time on MariaDB (nine information_schema queries). Otherwise a
  // snapshot, which puts the two in step when it equals the linear pass's. `in_step`: whether
  // they are.
  std::shared_ptr<const catalog::Catalog> walker_schema(Database& db, size_t index,
                                                        bool& in_step) {
    LinearFeed::Start start = feed_ ? feed_->take_start(index) : LinearFeed::Start{};
    const bool stepped = std::exchange(stepped_to_, std::nullopt) == index;
    in_step = stepped && start.schema && start.by_forward_reverse_forward;
    if (in_step) return start.schema;
    auto schema = std::make_shared<const catalog::Catalog>(db.snapshot());
    in_step = start.schema && index <= rows_free_until_ && *start.schema == *schema;
    return schema;
  }

  std::vector<bool> rows_present(Database& db, const catalog::Catalog& catalog) const {
    return data::tables_with_rows(db, dialect_of(kind_), catalog);
  }

  // `failed` (may be null) says which script failed, if one did.
  std::optional<Result> round_trip(const Migration& m, Database& db,
                                   const std::vector<TableContent>& before,
                                   Failed* failed = nullptr) {
    const EngineScripts& scripts = *m.for_engine(kind_);
    ExecResult forward = apply_step(db, scripts, ApplyDirection::forward);
    if (refused_in_transaction(forward)) return std::nullopt;
    if (!forward.ok()) {
      if (failed) *failed = Failed::forward;
      return forward_failure(m, *forward.error);
    }
    ExecResult reverse = apply_step(db, scripts, ApplyDirection::reverse);
    if (refused_in_transaction(reverse)) return std::nullopt;
    if (!reverse.ok()) {
      if (failed) *failed = Failed::reverse;
      return reverse_failure(m, *reverse.error);
    }
    std::vector<TableColumns> tables;
    for (const TableContent& table : before) tables.push_back({table.table, table.columns});
    std::vector<TableContent> read_after = data::read_tables(db, dialect_of(kind_), tables);
    std::vector<const TableContent*> read_before, after;
    std::vector<size_t> rows;
    for (size_t t = 0; t < before.size(); ++t) {
      read_before.push_back(&before[t]);
      after.push_back(&read_after[t]);
      rows.push_back(before[t].rows());
    }
    return judge(m, read_before, after, rows);
  }

  // The round trip on the walking database inside the check's savepoint (PostgreSQL, SQLite).
  // A table whose marks (data/table_marks.h) vouch for it is read neither before nor after when
  // they show no change (before only when the scripts name it: names_in); the others are read
  // before the forward and after the reverse. The
  // reverse runs in a savepoint of its own, rolled back at the end, which leaves the database
  // after the forward (`forwarded`) — unless a table the marks vouched for before changed: it is
  // then read as it was by rolling back to the check's savepoint (opened again for the caller).
  std::optional<Result> round_trip_in_savepoint(const Migration& m, Database& db,
                                                const catalog::Catalog& catalog,
                                                const std::vector<data::TableFill>& fills,
                                                bool& forwarded) {
    std::vector<TableColumns> tables = columns_of(catalog);
    std::optional<data::TableMarks> marked =
        marks_ ? data::mark_tables(db, kind_, catalog, /*count_rows=*/true) : std::nullopt;
    const size_t n = tables.size();
    const EngineScripts& scripts = *m.for_engine(kind_);
    const std::set<std::string> names = names_in(scripts, dialect_of(kind_));
    std::vector<std::optional<TableContent>> before(n), after(n);
    std::vector<size_t> rows(n);
    for (size_t t = 0; t < n; ++t) {
      if (marked && !marked->marks[t].empty() && !named(names, tables[t].table)) {
        rows[t] = static_cast<size_t>(marked->rows[t]);
        continue;
      }
      before[t] = read_or_throw(db, tables[t]);
      rows[t] = before[t]->rows();
    }
    if (std::all_of(rows.begin(), rows.end(), [](size_t r) { return r == 0; }))
      return make(m, Status::skip, fmt::format("no generated row was accepted: {}", why_empty(fills)));
    ExecResult forward = apply_step(db, scripts, ApplyDirection::forward);
    if (refused_in_transaction(forward)) return std::nullopt;
    if (!forward.ok()) return forward_failure(m, *forward.error);
    db.begin();  // the reverse's savepoint
    ExecResult reverse = apply_step(db, scripts, ApplyDirection::reverse);
    if (!reverse.ok()) {
      db.rollback();
      if (refused_in_transaction(reverse)) return std::nullopt;
      forwarded = true;
      return reverse_failure(m, *reverse.error);
    }
    std::optional<data::TableMarks> now =
        marked ? data::mark_tables(db, kind_, catalog, /*count_rows=*/false) : std::nullopt;
    bool unread_before = false;
    for (size_t t = 0; t < n; ++t) {
      if (marked && now && data::unchanged(*marked, *now, t)) continue;
      after[t] = data::read_table(db, dialect_of(kind_), tables[t].table, tables[t].columns);
      unread_before = unread_before || !before[t];
    }
    db.rollback();  // the reverse
    forwarded = !unread_before;
    if (unread_before) {
      db.rollback();  // the check: the rows as filled
      db.begin();
      for (size_t t = 0; t < n; ++t)
        if (after[t] && !before[t]) before[t] = read_or_throw(db, tables[t]);
    }
    return judge(m, contents(before), contents(after), rows);
  }

  // Fails only a forward no table with rows can take (harness/checks/forward_refusal.h).
  Result forward_failure(const Migration& m, const StatementError& error) const {
    std::string what = error_text(error);
    switch (classify_forward_refusal(error, dialect_of(kind_))) {
      case ForwardRefusal::every_row:
        return located(make(m, Status::fail, fmt::format("forward fails on tables with rows: {}",
                                                         what)), error);
      case ForwardRefusal::values:
        return make(m, Status::skip,
                    fmt::format("forward refuses values of the generated rows that production "
                                "data may not hold (a NULL where it sets NOT NULL, a value a "
                                "narrowed or converted type rejects): {}", what));
      case ForwardRefusal::other:
        break;
    }
    return make(m, Status::skip,
                fmt::format("forward fails with the generated rows (a constraint it adds that "
                            "random rows break?): {}", what));
  }

  Result reverse_failure(const Migration& m, const StatementError& error) const {
    return located(make(m, Status::fail, fmt::format("reverse fails with rows in the tables: {}",
                                                     error_text(error))),
                   error);
  }

  // Each table's content where it was read, else null (pointers: the contents are large and the
  // caller keeps them).
  static std::vector<const TableContent*> contents(
      const std::vector<std::optional<TableContent>>& read) {
    std::vector<const TableContent*> out;
    out.reserve(read.size());
    for (const std::optional<TableContent>& content : read)
      out.push_back(content ? &*content : nullptr);
    return out;
  }

  // Pass, or fail naming the first table whose content differs. A table without `after` was
  // not read after the reverse: its content is known to be as it was.
  Result judge(const Migration& m, const std::vector<const TableContent*>& before,
               const std::vector<const TableContent*>& after,
               const std::vector<size_t>& rows) const {
    std::vector<std::string> differences;
    for (size_t t = 0; t < before.size(); ++t) {
      if (!after[t]) continue;
      std::string difference =
          data::describe_difference(*before[t], *after[t], "before forward", "after reverse");
      if (!difference.empty()) differences.push_back(difference);
    }
    size_t total = 0;
    for (size_t r : rows) total += r;
    if (differences.empty())
      return make(m, Status::pass, fmt::format("{} rows in {} tables kept by forward + reverse",
                                               total, before.size()));
    std::string message = differences.front();
    if (differences.size() > 1) message += fmt::format(" (and {} more tables)", differences.size() - 1);
    Result r = make(m, Status::fail, message);
    r.location = SourceLocation{m.for_engine(kind_)->reverse->file, 0};
    return r;
  }

  static Result located(Result r, const StatementError& error) {
    r.location = error.where;
    r.sqlstate = error.sqlstate;
    r.statement = error.statement;
    return r;
  }

  // The tables whose rows the check compares: not a program's bookkeeping (Helium's applied
  // versions), nor a virtual table's own tables (data::module_tables).
  catalog::Catalog checked_tables(Database& db, catalog::Catalog catalog,
                                  const EngineScripts& scripts) const {
    std::vector<std::string> own;
    if (scripts.program) own = scripts.program->bookkeeping_tables();
    std::set<std::string> module = data::module_tables(db, dialect_of(kind_));
    std::erase_if(catalog.tables, [&](const catalog::Table& t) {
      return std::find(own.begin(), own.end(), t.name) != own.end() || module.count(t.name);
    });
    return catalog;
  }

  std::vector<TableContent> read_tables(Database& db, const catalog::Catalog& catalog) const {
    std::vector<TableContent> out = read_tables_as_they_are(db, catalog);
    for (const TableContent& content : out) readable_or_throw(content);
    return out;
  }

  // The tables' content, or the reason one cannot be read.
  std::vector<TableContent> read_tables_as_they_are(Database& db,
                                                    const catalog::Catalog& catalog) const {
    return data::read_tables(db, dialect_of(kind_), columns_of(catalog));
  }

  TableContent read_or_throw(Database& db, const TableColumns& table) const {
    return readable_or_throw(data::read_table(db, dialect_of(kind_), table.table, table.columns));
  }

  const TableContent& readable_or_throw(const TableContent& content) const {
    if (!content.error.empty())
      throw Error(fmt::format("data: cannot read table {} on {}: {}", content.table,
                              engine_name(kind_), content.error));
    return content;
  }

  static std::vector<TableColumns> columns_of(const catalog::Catalog& catalog) {
    std::vector<TableColumns> out;
    for (const catalog::Table& table : catalog.tables) {
      TableColumns& t = out.emplace_back(TableColumns{table.name, {}});
      for (const catalog::Column& c : table.columns) t.columns.push_back(c.name);
    }
    return out;
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

  EngineKind kind_;
  const MigrationSet& set_;
  EngineRun linear_;                  // what the linear pass has said so far
  LinearFeed* feed_;                  // where the rest comes from, or null: nothing more
  size_t scanned_ = 0;                // linear_.results looked at by learn_left_out()
  bool forward_failed_ = false;       // one of them is a forward that failed
  const DataOptions& options_;
  bool transactional_ddl_;
  bool marks_;                        // tables the server vouches for unchanged are not read
  VersionRestorer restorer_;          // copies, for what cannot run in the walking database
  std::set<size_t> left_out_;         // migrations the linear run went on without
  std::unique_ptr<Database> walker_;  // the walking database, at walker_version_
  size_t walker_version_ = 0;
  // In step with the linear pass (walker_schema): the check of a migration that began in step
  // ran its forward and reverse whole (round_tripped_at_), and the walk its forward again
  // (stepped_to_, the next version).
  std::optional<size_t> round_tripped_at_, stepped_to_;
  // The first migration whose scripts may change the schema differently for different rows.
  size_t rows_free_until_ = set_.migrations.size();
  // What decides which rows a table accepts: the table and its unique indexes. Rows filled under
  // a tighter definition (a UNIQUE index a later forward drops) would never hold what the
  // looser one lets in, and so hide a reverse that tightens it again: such a table is refilled.
  struct Definition {
    catalog::Table table;
    std::vector<catalog::Index> unique_indexes;
    bool operator==(const Definition&) const = default;
  };
  static Definition definition_of(const catalog::Catalog& catalog, const catalog::Table& table) {
    Definition d{table, {}};
    for (const catalog::Index& index : catalog.indexes)
      if (index.unique && index.table == table.name) d.unique_indexes.push_back(index);
    return d;
  }
  struct Filled {
    Definition definition;  // when it was filled
    int rows;                   // rows it then held, all generated; -1: it held others too
  };
  std::map<std::string, Filled> generated_;  // its tables that hold generated rows, by name
  data::FillMemory memory_;  // rows each table took before: unchanged tables take them again
};

}  // namespace

namespace {

// Generating rows a table accepts needs its exact column types and CHECKs; from a catalog
// that cannot see them (the generic ODBC level) its rows would fail or pass by chance.
std::optional<std::vector<Result>> unsupported(Engine& engine, const MigrationSet& set) {
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
  return std::nullopt;
}

}  // namespace

std::vector<Result> data_engine(Engine& engine, const MigrationSet& set, const EngineRun& linear,
                                const DataOptions& options) {
  if (auto skipped = unsupported(engine, set)) return *skipped;
  return DataChecker(engine, set, linear, nullptr, options).run();
}

std::vector<Result> data_engine_beside(Engine& engine, const MigrationSet& set, LinearFeed& linear,
                                       const DataOptions& options) {
  if (auto skipped = unsupported(engine, set)) return *skipped;
  return DataChecker(engine, set, EngineRun{}, &linear, options).run();
}

}  // namespace crucible
