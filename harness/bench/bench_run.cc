#include "harness/bench/bench_run.h"

#include <algorithm>
#include <chrono>
#include <map>

#include <fmt/format.h>

#include "harness/bench/bench_plan.h"
#include "harness/bench/dense_rows.h"
#include "harness/bench/dense_start.h"
#include "harness/replay/apply.h"
#include "harness/replay/restore.h"

namespace crucible::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Everything one migration's sizes share.
struct MigrationContext {
  Engine& engine;
  VersionRestorer& restorer;
  const BenchOptions& options;
  size_t index;                  // of the migration in the set: restore this version
  const Migration& migration;
  const EngineScripts& scripts;
  bool reversible;

  void report(int64_t rows, const char* phase, int64_t loaded = 0) const {
    if (options.progress)
      options.progress({engine_name(engine.kind()), migration, rows, phase, loaded});
  }
};

// "postgres 0003_widen.up.sql:4: <engine message> (SQLSTATE 42804)"
std::string describe_error(EngineKind kind, const StatementError& error) {
  std::string state = error.sqlstate.empty() ? "" : fmt::format(" (SQLSTATE {})", error.sqlstate);
  return fmt::format("{} {}: {}{}", engine_name(kind), error.where.str(), error.message, state);
}

// A CHECK as it reads in SQL: PostgreSQL's expression is pg_get_constraintdef's whole clause
// ("CHECK (id > 0)"), the other engines' the bare condition.
std::string check_clause(const std::string& expression) {
  return expression.rfind("CHECK ", 0) == 0 ? expression : "CHECK (" + expression + ")";
}

// The CHECK constraints of a table, for the message when the engine rejects generated rows.
std::string checks_hint(const catalog::Table& table) {
  std::string hint;
  for (const catalog::Check& check : table.checks)
    hint += fmt::format("{}{} {}", hint.empty() ? "" : ", ", check.name,
                        check_clause(check.expression));
  return hint.empty() ? "" : fmt::format(" — the table has {}; the generated rows may break it",
                                         hint);
}

// Fills `tables` (parents first) with `rows` rows each, after the rows they already hold;
// returns the rows loaded.
int64_t fill_tables(Database& db, const MigrationContext& context,
                    const std::vector<std::string>& tables, const catalog::Catalog& before,
                    int64_t rows) {
  const EngineKind kind = context.engine.kind();
  std::map<std::string, DenseRange> filled;
  int64_t total = 0;
  for (const std::string& name : tables) {
    const catalog::Table& table = *before.find_table(name);
    DenseRange range{first_free_index(db, table, before, kind), rows};
    DenseRows source(table, before, kind, range, filled);
    try {
      range.count = db.bulk_load(name, source.columns(), source, [&](int64_t n) {
        context.report(rows, "load", total + n);
      });
    } catch (const Error& e) {
      throw Error(fmt::format("{}{}", e.what(), checks_hint(table)));
    }
    filled[name] = range;
    total += range.count;
  }
  return total;
}

// A PostgreSQL table name as the catalog spells it ("schema.table" or "table"), quoted.
std::string quoted_postgres_table(const std::string& name) {
  auto quote = [](std::string_view part) {
    std::string out = "\"";
    for (char c : part) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  auto dot = name.find('.');
  if (dot == std::string::npos) return quote(name);
  return quote(std::string_view(name).substr(0, dot)) + "." +
         quote(std::string_view(name).substr(dot + 1));
}

// Lets the engine catch up after a bulk load so that the first scan of the migration does not
// pay for it: PostgreSQL sets hint bits and the visibility map in VACUUM, not in COPY.
void settle(Database& db, EngineKind kind, const std::vector<std::string>& tables) {
  if (kind != EngineKind::postgres) return;
  for (const std::string& table : tables) {
    QueryResult r = db.query(Statement{"VACUUM ANALYZE " + quoted_postgres_table(table), {}}, {});
    if (!r.ok()) throw Error(fmt::format("VACUUM ANALYZE {}: {}", table, r.error->message));
  }
}

// Runs one direction, timed; under traffic when asked to (forward only). Only the migration is
// timed, not the starting and stopping of the traffic around it.
std::optional<StatementError> timed_step(Database& db, const MigrationContext& context,
                                         ApplyDirection direction,
                                         const std::vector<std::string>& tables, SizeRun& run) {
  ExecResult result;
  double elapsed = 0;
  auto apply = [&] {
    Clock::time_point start = Clock::now();
    result = apply_step(db, context.scripts, direction);
    elapsed = seconds_since(start);
  };
  if (direction == ApplyDirection::forward && context.options.load_clients > 0) {
    LoadOptions load;
    load.clients = context.options.load_clients;
    load.tables = tables;
    run.load_impact = run_under_load(db, load, apply);
  } else {
    apply();
  }
  (direction == ApplyDirection::forward ? run.forward_seconds : run.reverse_seconds) = elapsed;
  return result.error;
}

// The catalog once the migration ran on an empty database, for the CHECKs it adds; nullopt when
// it cannot add one (that spares a restore, a CREATE DATABASE on PostgreSQL) or when the forward
// fails even there (the timed forward reports that failure where it happens).
std::optional<catalog::Catalog> catalog_after(const MigrationContext& context) {
  if (!may_add_checks(context.scripts.forward, context.scripts.program != nullptr,
                      dialect_of(context.engine.kind())))
    return std::nullopt;
  try {
    return context.restorer.restore(context.index + 1)->snapshot();
  } catch (const Error&) {
    return std::nullopt;
  }
}

void measure_size(const MigrationContext& context, MigrationBench& bench, SizeRun& run,
                  const std::optional<catalog::Catalog>& after) {
  context.report(run.rows, "restore");
  std::unique_ptr<Database> db = context.restorer.restore(context.index);
  catalog::Catalog before = db->snapshot();
  if (bench.tables.empty())
    bench.tables = fill_order(touched_tables(context.scripts.forward,
                                             context.scripts.program != nullptr, before,
                                             dialect_of(context.engine.kind())),
                              before);
  if (after) before = with_checks_added(before, *after, bench.tables);
  Clock::time_point start = Clock::now();
  run.rows_loaded = fill_tables(*db, context, bench.tables, before, run.rows);
  run.load_seconds = seconds_since(start);
  start = Clock::now();
  settle(*db, context.engine.kind(), bench.tables);
  run.settle_seconds = seconds_since(start);

  context.report(run.rows, "forward");
  if (auto error = timed_step(*db, context, ApplyDirection::forward, bench.tables, run)) {
    run.forward_seconds.reset();
    run.status = "error";
    run.message = "forward failed: " + describe_error(context.engine.kind(), *error);
    return;
  }
  if (!context.reversible) return;
  context.report(run.rows, "reverse");
  if (auto error = timed_step(*db, context, ApplyDirection::reverse, bench.tables, run)) {
    run.reverse_seconds.reset();
    run.status = "error";
    run.message = "reverse failed: " + describe_error(context.engine.kind(), *error);
  }
}

std::optional<ScalingFit> fit_of(const std::vector<SizeRun>& runs,
                                 std::optional<double> SizeRun::*seconds, bool rows_matter) {
  std::vector<ScalingPoint> points;
  for (const SizeRun& run : runs)
    if (run.*seconds) points.push_back({static_cast<double>(run.rows), *(run.*seconds)});
  if (points.empty()) return std::nullopt;
  if (!rows_matter) return fit_constant(points);
  ScalingFit fit = fit_scaling(points);
  // Through one size any model fits exactly: "constant, ±0 %" would be a claim, not a fit.
  if (fit.sizes < 2) return std::nullopt;
  return fit;
}

MigrationBench bench_migration(Engine& engine, VersionRestorer& restorer, const MigrationSet& set,
                               size_t index, const BenchOptions& options) {
  const Migration& m = set.migrations[index];
  MigrationBench bench{m.version, m.name, {}, {}, {}, {}, {}};
  const EngineScripts* scripts = m.for_engine(engine.kind());
  if (!scripts) {
    auto why = m.unavailable.find(engine.kind());
    bench.skipped = why != m.unavailable.end() ? why->second : "no script for this engine";
    return bench;
  }
  MigrationContext context{engine, restorer, options, index, m, *scripts,
                           !m.irreversible && !reverse_is_empty(*scripts)};
  const std::optional<catalog::Catalog> after = catalog_after(context);
  for (int64_t rows : options.sizes) {
    SizeRun& run = bench.runs.emplace_back();
    run.rows = rows;
    try {
      measure_size(context, bench, run, after);
    } catch (const Error& e) {  // cannot reach the version, rows rejected, server lost
      run.status = "error";
      run.message = e.what();
    }
  }
  const bool rows_matter = !bench.tables.empty();
  bench.forward_fit = fit_of(bench.runs, &SizeRun::forward_seconds, rows_matter);
  bench.reverse_fit = fit_of(bench.runs, &SizeRun::reverse_seconds, rows_matter);
  return bench;
}

}  // namespace

EngineBench bench_engine(Engine& engine, const MigrationSet& set, const BenchOptions& options) {
  EngineBench out;
  out.engine = std::string(engine_name(engine.kind()));
  out.dsn = engine.dsn().redacted();
  out.session = engine.dsn().session;
  out.server_version = engine.server_info().version;
  VersionRestorer restorer(engine, set);
  for (size_t index : migrations_to_bench(set, options.only_migration))
    out.migrations.push_back(bench_migration(engine, restorer, set, index, options));
  return out;
}

std::vector<int64_t> parse_sizes(const std::string& text) {
  std::vector<int64_t> sizes;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, comma - start);
    bool digits = !item.empty() && item.size() <= 12 &&
                  item.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoll(item) <= 0)
      throw Error(fmt::format("--rows {}: \"{}\" is not a positive whole number of rows", text,
                              item));
    sizes.push_back(std::stoll(item));
    start = comma + 1;
  }
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  return sizes;
}

}  // namespace crucible::bench
