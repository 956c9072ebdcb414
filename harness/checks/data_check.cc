#include "harness/checks/data_check.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/checks/apply.h"
#include "harness/checks/restore.h"
#include "harness/checks/walkable_range.h"
#include "harness/data/table_hash.h"

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

class DataChecker {
 public:
  DataChecker(Engine& engine, const MigrationSet& set, const EngineRun& linear,
              const DataOptions& options)
      : engine_(engine), kind_(engine.kind()), set_(set), linear_(linear), options_(options),
        restorer_(engine, set) {
    for (size_t i : left_out_migrations(linear, set)) restorer_.leave_out(i);
  }

  std::vector<Result> run() {
    for (size_t i = 0; i < set_.migrations.size(); ++i) {
      const Migration& m = set_.migrations[i];
      if (!linear_status(linear_, m, "forward")) continue;  // not reported in this run (shard)
      auto started = std::chrono::steady_clock::now();
      Result& r = check(i);
      r.duration_ms = std::chrono::duration<double, std::milli>(
          std::chrono::steady_clock::now() - started).count();
    }
    return std::move(results_);
  }

 private:
  Result& add(const Migration& m, Status status, std::string message) {
    return results_.emplace_back(
        result_for(std::string(engine_name(kind_)), m, "data", status, std::move(message)));
  }

  // Why migration `m` is not checked, or nullopt.
  std::optional<std::string> skip_reason(const Migration& m) const {
    if (m.lossy) return fmt::format("declared lossy: {}", *m.lossy);
    if (m.irreversible) return fmt::format("declared irreversible: {}", *m.irreversible);
    const EngineScripts* scripts = m.for_engine(kind_);
    if (!scripts) return fmt::format("no script for {}", engine_name(kind_));
    if (!scripts->reverse) return std::string("no reverse to check");
    for (std::string_view step : {"forward", "reverse"})
      if (linear_status(linear_, m, step) != Status::pass)
        return fmt::format("its {} did not pass in the linear run", step);
    return std::nullopt;
  }

  Result& check(size_t index) {
    const Migration& m = set_.migrations[index];
    if (auto reason = skip_reason(m)) return add(m, Status::skip, *reason);
    std::unique_ptr<Database> db = restorer_.restore(index);
    catalog::Catalog catalog = without_bookkeeping(db->snapshot(), *m.for_engine(kind_));
    if (catalog.tables.empty())
      return add(m, Status::skip, "no tables before this migration: no rows to keep");
    std::vector<data::TableFill> fills = data::fill_tables(*db, kind_, catalog, options_.fill);
    std::vector<TableContent> before = read_tables(*db, catalog);
    if (std::all_of(before.begin(), before.end(), [](const auto& t) { return t.rows() == 0; }))
      return add(m, Status::skip, fmt::format("no generated row was accepted: {}", why_empty(fills)));
    return round_trip(m, *db, before);
  }

  Result& round_trip(const Migration& m, Database& db, const std::vector<TableContent>& before) {
    const EngineScripts& scripts = *m.for_engine(kind_);
    ExecResult forward = apply_step(db, scripts, ApplyDirection::forward);
    if (!forward.ok()) {
      std::string what = error_text(*forward.error);
      if (rejects_existing_values(*forward.error))
        return located(add(m, Status::fail, fmt::format("forward fails on tables with rows: {}",
                                                        what)), *forward.error);
      return add(m, Status::skip,
                 fmt::format("forward fails with the generated rows (a constraint it adds that "
                             "random rows break?): {}", what));
    }
    ExecResult reverse = apply_step(db, scripts, ApplyDirection::reverse);
    if (!reverse.ok())
      return located(add(m, Status::fail, fmt::format("reverse fails with rows in the tables: {}",
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
      return add(m, Status::pass, fmt::format("{} rows in {} tables kept by forward + reverse",
                                              total_rows(before), before.size()));
    std::string message = differences.front();
    if (differences.size() > 1) message += fmt::format(" (and {} more tables)", differences.size() - 1);
    Result& r = add(m, Status::fail, message);
    r.location = SourceLocation{scripts.reverse->file, 0};
    return r;
  }

  static Result& located(Result& r, const StatementError& error) {
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
  VersionRestorer restorer_;
  std::vector<Result> results_;
};

}  // namespace

std::vector<Result> data_engine(Engine& engine, const MigrationSet& set, const EngineRun& linear,
                                const DataOptions& options) {
  return DataChecker(engine, set, linear, options).run();
}

}  // namespace crucible
