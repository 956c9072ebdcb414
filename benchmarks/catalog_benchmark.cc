// Crucible's own speed on the catalog path: snapshot of a wide SQLite schema, and diff of two
// such catalogs. docs/DESIGN.md's budget: a 1,000-table schema snapshots in well under a second.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "harness/catalog/catalog_json.h"
#include "harness/catalog/catalog_json_text.h"
#include "harness/catalog/diff.h"
#include "harness/engines/engine.h"

namespace {

using namespace crucible;

// Tables as issue #6 describes them: 7 columns, PK, UNIQUE, CHECK and one index each.
Script wide_schema(int tables) {
  Script script;
  script.file = "<benchmark>";
  for (int t = 0; t < tables; ++t) {
    script.statements.push_back({fmt::format(
        "CREATE TABLE t{0} (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT, "
        "qty INTEGER DEFAULT 0 CHECK (qty >= 0), price REAL, created_at TEXT, note TEXT)", t), {}});
    script.statements.push_back({fmt::format("CREATE INDEX t{0}_name_idx ON t{0}(name)", t), {}});
  }
  return script;
}

struct WideSqlite {
  std::unique_ptr<Engine> engine = connect_engine(parse_dsn("sqlite:"));
  std::unique_ptr<Database> db = engine->create_scratch();
  explicit WideSqlite(int tables) { db->execute(wide_schema(tables)); }
};

void BM_SqliteSnapshot(benchmark::State& state) {
  WideSqlite schema(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(schema.db->snapshot());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SqliteSnapshot)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_CatalogDiff(benchmark::State& state) {
  WideSqlite schema(static_cast<int>(state.range(0)));
  catalog::Catalog a = schema.db->snapshot(), b = a;
  b.tables.back().columns.back().nullable = false;
  for (auto _ : state) benchmark::DoNotOptimize(catalog::diff(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CatalogDiff)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_CatalogDiffEqual(benchmark::State& state) {
  WideSqlite schema(static_cast<int>(state.range(0)));
  catalog::Catalog a = schema.db->snapshot(), b = a;
  for (auto _ : state) benchmark::DoNotOptimize(catalog::diff(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CatalogDiffEqual)->Arg(1000)->Unit(benchmark::kMillisecond);

// The catalog as indented canonical JSON text: through the nlohmann tree (reports, diff) and
// written straight from the Catalog (what `crucible snapshot` does). Same bytes.
void BM_CatalogJsonTree(benchmark::State& state) {
  WideSqlite schema(static_cast<int>(state.range(0)));
  catalog::Catalog c = schema.db->snapshot();
  for (auto _ : state) benchmark::DoNotOptimize(catalog::to_json(c).dump(2));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CatalogJsonTree)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_CatalogJsonText(benchmark::State& state) {
  WideSqlite schema(static_cast<int>(state.range(0)));
  catalog::Catalog c = schema.db->snapshot();
  for (auto _ : state) benchmark::DoNotOptimize(catalog::to_json_text(c));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CatalogJsonText)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
