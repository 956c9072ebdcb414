// Loading Liquibase formatted-SQL changelogs (issue 15: 10,000 migrations in under a second):
// 10,000 changesets, each a CREATE TABLE and an index with their two-line rollback, for SQLite,
// PostgreSQL and MariaDB. `one_file` holds them all in one changelog; `include_all` spreads them
// over 100 files under a folder a root changelog reads with `--includeAll path:`. No server is
// needed: this is the loader alone (reading, parsing, splitting per engine).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "harness/loaders/loader.h"

namespace {

using namespace crucible;
namespace fs = std::filesystem;

std::string changesets(int first, int count) {
  std::string text = "--liquibase formatted sql\n\n";
  for (int n = first; n < first + count; ++n)
    text += fmt::format(
        "--changeset bench:{0} context:prod\n"
        "CREATE TABLE t{0} (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(40));\n"
        "CREATE INDEX t{0}_note ON t{0} (note);\n"
        "--rollback DROP INDEX t{0}_note;\n"
        "--rollback DROP TABLE t{0};\n\n",
        n);
  return text;
}

class Changelog {
 public:
  Changelog(int total, int files) {
    std::string pattern = (fs::temp_directory_path() / "crucible-liquibase-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    if (files == 1) {
      std::ofstream(root_ / "changelog.sql") << changesets(0, total);
      return;
    }
    fs::create_directory(root_ / "changes");
    std::ofstream(root_ / "changelog.sql")
        << "--liquibase formatted sql\n--includeAll path:changes/\n";
    int per_file = total / files;
    for (int f = 0; f < files; ++f)
      std::ofstream(root_ / "changes" / fmt::format("{:04}.sql", f))
          << changesets(f * per_file, per_file);
  }
  ~Changelog() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  std::string path() const { return root_.string(); }

 private:
  fs::path root_;
};

void load(benchmark::State& state, int files) {
  const int total = static_cast<int>(state.range(0));
  Changelog changelog(total, files);
  const std::vector<EngineKind> engines = {EngineKind::sqlite, EngineKind::postgres,
                                           EngineKind::mariadb};
  for (auto _ : state) {
    MigrationSet set = load_migrations(changelog.path(), engines);
    if (static_cast<int>(set.migrations.size()) != total) state.SkipWithError("wrong count");
    benchmark::DoNotOptimize(set);
  }
  state.counters["migrations"] = total;
}

void BM_LiquibaseOneFile(benchmark::State& state) { load(state, 1); }
void BM_LiquibaseIncludeAll(benchmark::State& state) { load(state, 100); }

BENCHMARK(BM_LiquibaseOneFile)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LiquibaseIncludeAll)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
