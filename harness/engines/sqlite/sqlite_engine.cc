#include "harness/engines/sqlite/sqlite_engine.h"

#include <filesystem>

#include <fmt/format.h>

#include "harness/engines/scratch.h"
#include "harness/engines/sqlite/sqlite_containment.h"
#include "harness/engines/sqlite/sqlite_database.h"
#include "harness/engines/sqlite/sqlite_library.h"
#include "harness/engines/sqlite/sqlite_run_lock.h"

namespace crucible {
namespace {

namespace fs = std::filesystem;

// Scratch files of every run live in one folder, so `crucible cleanup` can find leftovers.
fs::path scratch_directory() {
  fs::path dir = fs::temp_directory_path() / "crucible-sqlite";
  std::error_code ignored;
  fs::create_directories(dir, ignored);
  return dir;
}

bool flag_on(const Dsn& dsn, const std::string& key) {
  auto it = dsn.params.find(key);
  return it != dsn.params.end() && (it->second == "on" || it->second == "1" || it->second == "true");
}

class SqliteEngine : public Engine {
 public:
  SqliteEngine(Dsn dsn, EngineOptions options) : dsn_(std::move(dsn)), options_(options) {}

  EngineKind kind() const override { return EngineKind::sqlite; }
  const Dsn& dsn() const override { return dsn_; }

  ServerInfo server_info() override {
    return ServerInfo{sqlite3_libversion(), /*transactional_ddl=*/true, /*can_clone=*/true,
                      sqlite::containment_summary(options_.privileged)};
  }

  std::unique_ptr<Database> create_scratch() override {
    fs::path folder = scratch_directory();
    sqlite::hold_run_lock(folder);  // before the first file: `cleanup` leaves this run alone
    fs::path path = folder / (scratch_name() + ".db");
    auto db = std::make_unique<sqlite::SqliteDatabase>(
        path.string(), /*owned=*/true, flag_on(dsn_, "foreign_keys"), !options_.privileged);
    db->time_limits().statement = options_.statement_timeout;
    // Kept with the session statements, so that clones and bench sessions of it have them too;
    // before the user's own, which may set them otherwise.
    if (options_.throwaway_commits)
      db->apply_session({"PRAGMA synchronous = OFF", "PRAGMA journal_mode = MEMORY"});
    db->apply_session(dsn_.session);
    return db;
  }

  std::unique_ptr<Database> open_existing(const std::string& name) override {
    std::string path = name.empty() ? dsn_.database : name;
    if (path.empty()) throw Error("sqlite: name the database file to open (--database FILE)");
    if (!fs::exists(path)) throw Error(fmt::format("sqlite: no such database file: {}", path));
    return std::make_unique<sqlite::SqliteDatabase>(path, /*owned=*/false, false, true);
  }

  std::vector<std::string> list_leftovers() override {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(scratch_directory())) {
      std::string stem = entry.path().stem().string();
      if (entry.path().extension() == ".db" && is_scratch_name(stem)) names.push_back(stem);
    }
    return names;
  }

  void drop_leftover(const std::string& name) override {
    if (!is_scratch_name(name))
      throw Error(fmt::format("sqlite: refusing to drop '{}': not a Crucible scratch database", name));
    fs::path folder = scratch_directory();
    std::string run = run_id_of(name);
    if (sqlite::run_is_live(folder, run))
      throw ScratchInUse(fmt::format("in use by a running crucible (it holds {})",
                                     sqlite::run_lock_path(folder, run).string()));
    sqlite::remove_database_files((folder / (name + ".db")).string());
    remove_lock_of_finished_run(folder, run);
  }

 private:
  // A crashed run leaves its lock file beside its databases; it goes with the last of them.
  static void remove_lock_of_finished_run(const fs::path& folder, const std::string& run) {
    std::string prefix = "crucible_" + run + "_";
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(folder, ignored))
      if (entry.path().filename().string().starts_with(prefix)) return;
    fs::remove(sqlite::run_lock_path(folder, run), ignored);
  }

  Dsn dsn_;
  EngineOptions options_;
};

}  // namespace

std::unique_ptr<Engine> make_sqlite_engine(const Dsn& dsn, const EngineOptions& options) {
  for (const auto& [key, value] : dsn.params)
    if (key != "foreign_keys")
      throw Error(fmt::format("sqlite ({}): unknown DSN parameter '{}' (known: foreign_keys; "
                              "other settings go in --session \"PRAGMA …\")",
                              dsn.redacted(), key));
  sqlite::check_requested_library();
  return std::make_unique<SqliteEngine>(dsn, options);
}

}  // namespace crucible
