// Crucible's speed on Helium designs (issue #3): generating one migration file's SQL in a fresh
// sandbox, with the built-in library (migrations/helium/ledger) and with a design's own
// database.lua (tests/helium_fixtures/orbit: pure-Lua base64, a report over 1 KB that goes
// through Brotli); and a whole 300-file design with its own library, loaded and verified on
// embedded SQLite (LOAD + APPLY + REVERSE + re-APPLY, snapshots, state and diagram checks).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness/checks/verify.h"
#include "harness/common/dsn.h"
#include "harness/engines/engine.h"
#include "harness/loaders/loader.h"
#include "harness/lua/helium/generate.h"

namespace {

using namespace crucible;
namespace fs = std::filesystem;

const fs::path kSource = CRUCIBLE_SOURCE_DIR;

lua::helium::GenerateRequest request(const fs::path& dir, const std::string& file,
                                     const std::string& design, bool own) {
  lua::helium::GenerateRequest r;
  r.path = (dir / file).string();
  r.display = file;
  r.design_dir = dir.string();
  r.own_library = own;
  r.library_dir = own ? dir.string() : "";
  r.engine = "sqlite";
  r.design = design;
  return r;
}

void BM_HeliumGenerate(benchmark::State& state, lua::helium::GenerateRequest r) {
  size_t bytes = 0;
  for (auto _ : state) bytes += lua::helium::generate_sql(r).size();
  state.SetItemsProcessed(state.iterations());  // files
  state.counters["sql_bytes"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_HeliumGenerate, builtin/ledger_1001,
                  request(kSource / "migrations/helium/ledger", "ledger_1001.lua", "ledger", false))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_HeliumGenerate, own/orbit_1001,
                  request(kSource / "tests/helium_fixtures/orbit", "orbit_1001.lua", "orbit", true))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_HeliumGenerate, own/orbit_1003_brotli,
                  request(kSource / "tests/helium_fixtures/orbit", "orbit_1003.lua", "orbit", true))
    ->Unit(benchmark::kMicrosecond);

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// orbit's library and bootstrap, then files 1001… each creating a table (orbit_1001 renamed).
fs::path write_design(int files) {
  fs::path orbit = kSource / "tests/helium_fixtures/orbit";
  fs::path dir = fs::temp_directory_path() / ("crucible_helium_bench_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* file : {"database.lua", "database_common.lua", "database_sqlite.lua",
                           "database_postgresql.lua", "database_mysql.lua", "database_mariadb.lua",
                           "database_db2.lua", "orbit_1000.lua"})
    fs::copy_file(orbit / file, dir / file);
  fs::copy(orbit / "lib", dir / "lib", fs::copy_options::recursive);
  std::string table_file = read(orbit / "orbit_1001.lua");
  for (int ref = 1001; ref < 1000 + files; ++ref) {
    std::string text = std::regex_replace(table_file, std::regex("missions"), "t" + std::to_string(ref));
    text = std::regex_replace(text, std::regex("\"1001\""), "\"" + std::to_string(ref) + "\"");
    std::ofstream(dir / ("orbit_" + std::to_string(ref) + ".lua")) << text;
  }
  return dir;
}

void BM_HeliumVerifyDesign(benchmark::State& state) {
  int files = static_cast<int>(state.range(0));
  fs::path dir = write_design(files);
  auto engine = connect_engine(parse_dsn("sqlite:"));
  size_t results = 0;
  for (auto _ : state) {
    MigrationSet set = load_migrations(dir.string(), {EngineKind::sqlite});
    EngineRun run = verify_engine(*engine, set);
    for (const Result& r : run.results)
      if (r.status != Status::pass && r.check != "diagram") state.SkipWithError(r.message.c_str());
    results = run.results.size();
  }
  fs::remove_all(dir);
  state.counters["files"] = files;
  state.counters["results"] = static_cast<double>(results);
}
BENCHMARK(BM_HeliumVerifyDesign)->Arg(300)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
