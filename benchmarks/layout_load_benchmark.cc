// Loading large migration sets in every layout Crucible reads (issue 15: 10,000 migrations in
// under a second), for SQLite, PostgreSQL and MariaDB at once. Each migration is a CREATE TABLE
// and an index with the reverse that drops them, written in the layout's own shape. No server is
// needed: this is the loader alone (listing, reading, parsing, splitting per engine).
//
// Alembic is the exception: loading renders every revision with the project's own Python, so
// the figure here is the part Crucible does itself — reading the revision graph and planning
// the history (plan_history) — and the rendering cost is measured in benchmarks/README.md.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "harness/loaders/alembic_graph.h"
#include "harness/loaders/loader.h"

namespace {

using namespace crucible;
namespace fs = std::filesystem;

constexpr int kMigrations = 10'000;

std::string up(int n) {
  return fmt::format("CREATE TABLE t{0} (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(40));\n"
                     "CREATE INDEX t{0}_note ON t{0} (note);\n", n);
}
std::string down(int n) { return fmt::format("DROP INDEX t{0}_note;\nDROP TABLE t{0};\n", n); }

// A temporary folder that `write` fills with one layout's files.
class Project {
 public:
  explicit Project(const std::function<void(const fs::path&)>& write) {
    std::string pattern = (fs::temp_directory_path() / "crucible-layout-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    write(root_);
  }
  ~Project() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  std::string path() const { return root_.string(); }

 private:
  fs::path root_;
};

void put(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

void golang_migrate(const fs::path& root) {
  for (int n = 1; n <= kMigrations; ++n) {
    put(root / fmt::format("{:05}_t{}.up.sql", n, n), up(n));
    put(root / fmt::format("{:05}_t{}.down.sql", n, n), down(n));
  }
}

void goose(const fs::path& root) {
  for (int n = 1; n <= kMigrations; ++n)
    put(root / fmt::format("{:05}_t{}.sql", n, n),
        "-- +goose Up\n" + up(n) + "-- +goose Down\n" + down(n));
}

void folders(const fs::path& root) {
  for (int n = 1; n <= kMigrations; ++n) {
    put(root / fmt::format("{:05}_t{}", n, n) / "up.sql", up(n));
    put(root / fmt::format("{:05}_t{}", n, n) / "down.sql", down(n));
  }
}

std::string changesets(int first, int count) {
  std::string text = "--liquibase formatted sql\n\n";
  for (int n = first; n < first + count; ++n)
    text += fmt::format("--changeset bench:{0} context:prod\n{1}--rollback DROP INDEX t{0}_note;\n"
                        "--rollback DROP TABLE t{0};\n\n", n, up(n));
  return text;
}

void liquibase_one_file(const fs::path& root) { put(root / "changelog.sql", changesets(0, kMigrations)); }

void liquibase_include_all(const fs::path& root) {
  put(root / "changelog.sql", "--liquibase formatted sql\n--includeAll path:changes/\n");
  const int files = 100, per_file = kMigrations / files;
  for (int f = 0; f < files; ++f)
    put(root / "changes" / fmt::format("{:04}.sql", f), changesets(f * per_file, per_file));
}

void sqitch(const fs::path& root) {
  std::string plan = "%syntax-version=1.0.0\n%project=bench\n\n";
  for (int n = 1; n <= kMigrations; ++n) {
    plan += fmt::format("t{} 2024-01-01T00:00:00Z Bench <bench@example.com> # table {}\n", n, n);
    put(root / "deploy" / fmt::format("t{}.sql", n), up(n));
    put(root / "revert" / fmt::format("t{}.sql", n), down(n));
    put(root / "verify" / fmt::format("t{}.sql", n), fmt::format("SELECT id FROM t{} WHERE false;\n", n));
  }
  put(root / "sqitch.plan", plan);
}

void alembic(const fs::path& root) {
  put(root / "env.py", "from alembic import context\n");
  for (int n = 1; n <= kMigrations; ++n)
    put(root / "versions" / fmt::format("r{:05}_t{}.py", n, n),
        fmt::format("revision = 'r{:05}'\ndown_revision = {}\n\ndef upgrade():\n    pass\n",
                    n, n == 1 ? "None" : fmt::format("'r{:05}'", n - 1)));
}

void load(benchmark::State& state, const std::function<void(const fs::path&)>& write) {
  Project project(write);
  const std::vector<EngineKind> engines = {EngineKind::sqlite, EngineKind::postgres,
                                           EngineKind::mariadb};
  for (auto _ : state) {
    MigrationSet set = load_migrations(project.path(), engines);
    if (static_cast<int>(set.migrations.size()) != kMigrations)
      state.SkipWithError(fmt::format("{} migrations, not {}", set.migrations.size(), kMigrations).c_str());
    benchmark::DoNotOptimize(set);
  }
  state.counters["migrations"] = kMigrations;
}

void BM_GolangMigrate(benchmark::State& state) { load(state, golang_migrate); }
void BM_Goose(benchmark::State& state) { load(state, goose); }
void BM_Folders(benchmark::State& state) { load(state, folders); }
void BM_LiquibaseOneFile(benchmark::State& state) { load(state, liquibase_one_file); }
void BM_LiquibaseIncludeAll(benchmark::State& state) { load(state, liquibase_include_all); }
void BM_Sqitch(benchmark::State& state) { load(state, sqitch); }

void BM_AlembicGraph(benchmark::State& state) {
  Project project(alembic);
  for (auto _ : state) {
    loaders::AlembicGraph graph = loaders::read_alembic_graph(project.path());
    loaders::AlembicHistory history = loaders::plan_history(graph);
    if (static_cast<int>(history.linear.size()) != kMigrations) state.SkipWithError("wrong count");
    benchmark::DoNotOptimize(history);
  }
  state.counters["migrations"] = kMigrations;
}

BENCHMARK(BM_GolangMigrate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Goose)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Folders)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LiquibaseOneFile)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LiquibaseIncludeAll)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sqitch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AlembicGraph)->Unit(benchmark::kMillisecond);

}  // namespace
