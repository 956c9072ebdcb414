// Crucible's own speed splitting SQL (issue #6, item 4): a 10 MB script per dialect, made of what
// real migration files hold — DDL, multi-row INSERTs whose literals contain semicolons and
// quotes, comments, and each dialect's compound bodies (PostgreSQL dollar-quoted functions,
// MySQL DELIMITER procedures, SQLite triggers' BEGIN … END). Reported as bytes/s (MB/s).
// The argument is the script size in KB. MySQL scripts with a DELIMITER block in every chunk are
// also measured at smaller sizes: the splitter tokenizes the rest of the text again after each
// DELIMITER line, which makes them quadratic (see README.md); `mysql_plain` has no DELIMITER.
#include <benchmark/benchmark.h>

#include <string>

#include <fmt/format.h>

#include "harness/sql/splitter.h"

namespace {

using namespace crucible;

// The same chunk of a migration, in the dialect's own words; {0} numbers the objects.
std::string compound_body(Dialect dialect, int n, bool with_bodies) {
  if (!with_bodies) return "";
  switch (dialect) {
    case Dialect::postgres:
      return fmt::format(
          "CREATE FUNCTION touch_{0}() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
          "BEGIN\n  NEW.note := 'touched; again';\n  RETURN NEW;\nEND;\n$body$;\n", n);
    case Dialect::mysql:
      return fmt::format(
          "DELIMITER //\nCREATE PROCEDURE touch_{0}()\nBEGIN\n"
          "  UPDATE t{0} SET note = 'touched; again' WHERE id > 0;\n"
          "  SELECT COUNT(*) FROM t{0};\nEND //\nDELIMITER ;\n", n);
    default:
      return fmt::format(
          "CREATE TRIGGER touch_{0} AFTER UPDATE ON t{0} BEGIN\n"
          "  UPDATE t{0} SET note = 'touched; again' WHERE id = NEW.id;\nEND;\n", n);
  }
}

std::string chunk(Dialect dialect, int n, bool with_bodies) {
  std::string text = fmt::format(
      "-- table {0}: orders; the next statement creates it\n"
      "CREATE TABLE t{0} (id INT PRIMARY KEY, code VARCHAR(40) NOT NULL UNIQUE, "
      "note VARCHAR(200) DEFAULT 'n/a; none', qty INT CHECK (qty >= 0));\n"
      "/* an index; with a semicolon in the comment */\n"
      "CREATE INDEX t{0}_code_idx ON t{0}(code);\n"
      "INSERT INTO t{0} (id, code, note, qty) VALUES\n", n);
  for (int row = 0; row < 20; ++row)
    text += fmt::format("  ({0}, 'c-{0}', 'it''s row {0}; \"quoted\" -- not a comment', {0}){1}\n",
                        row, row == 19 ? ";" : ",");
  text += fmt::format("ALTER TABLE t{0} ADD COLUMN created_at DATE;\n", n);
  return text + compound_body(dialect, n, with_bodies);
}

std::string script_of(size_t bytes, Dialect dialect, bool with_bodies) {
  std::string script;
  for (int n = 0; script.size() < bytes; ++n) script += chunk(dialect, n, with_bodies);
  return script;
}

void split_script(benchmark::State& state, Dialect dialect, bool with_bodies) {
  const std::string script = script_of(state.range(0) * 1000, dialect, with_bodies);
  size_t statements = 0;
  for (auto _ : state) {
    auto split = sql::split_statements(script, dialect, "big.sql");
    statements = split.size();
    benchmark::DoNotOptimize(split);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * script.size()));
  state.counters["MB_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * script.size()) / 1e6, benchmark::Counter::kIsRate);
  state.counters["statements"] = static_cast<double>(statements);
}

constexpr int kTenMegabytes = 10 * 1000;  // KB

BENCHMARK_CAPTURE(split_script, sqlite, Dialect::sqlite, true)
    ->Arg(kTenMegabytes)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(split_script, postgres, Dialect::postgres, true)
    ->Arg(kTenMegabytes)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(split_script, mysql_plain, Dialect::mysql, false)
    ->Arg(kTenMegabytes)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(split_script, mysql, Dialect::mysql, true)
    ->Arg(100)->Arg(200)->Arg(400)->Arg(800)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
