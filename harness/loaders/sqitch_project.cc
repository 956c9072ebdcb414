#include "harness/loaders/sqitch_project.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "harness/common/error.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/markers.h"
#include "harness/loaders/script.h"
#include "harness/loaders/sqitch_config.h"
#include "harness/loaders/sqitch_plan.h"
#include "harness/sql/lexer.h"

namespace crucible {
namespace {

using namespace loaders;
namespace fs = std::filesystem;

constexpr std::string_view kEngineDefine = "sqitch.engine";

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

// A path of the configuration as the report names it: relative to the project folder.
std::string in_project(const std::string& dir, const std::string& file) {
  return (fs::path(dir) / file).lexically_normal().generic_string();
}

fs::path on_disk(const std::string& root, const std::string& relative) {
  fs::path path(relative);
  return path.is_absolute() ? path : fs::path(root) / path;
}

// The engines a sqitch engine's scripts are written for.
std::vector<EngineKind> engines_of(const std::string& sqitch_engine) {
  if (sqitch_engine == "pg") return {EngineKind::postgres};
  if (sqitch_engine == "mysql") return {EngineKind::mysql, EngineKind::mariadb};
  if (sqitch_engine == "sqlite") return {EngineKind::sqlite};
  return {};
}

// Why the scripts do not run on `engine`, or nullopt when they do.
std::optional<std::string> not_for(EngineKind engine, const std::string& sqitch_engine,
                                   const std::map<std::string, std::string>& defines) {
  std::string written_for = sqitch_engine;
  if (auto it = defines.find(std::string(kEngineDefine)); it != defines.end()) {
    if (it->second == "any") return std::nullopt;
    written_for = it->second;
  }
  if (written_for.empty()) return std::nullopt;
  for (EngineKind kind : engines_of(written_for))
    if (kind == engine) return std::nullopt;
  return fmt::format("the sqitch project's scripts are written for engine {} (sqitch.conf); "
                     "--define {}=any runs them on {} too",
                     written_for, kEngineDefine, engine_name(engine));
}

// deploy/<name>.sql, or for an earlier instance of a reworked change deploy/<name>@<tag>.sql
// with the first of its rework tags whose deploy script exists (sqitch's path_segments).
struct ScriptName {
  std::string file;      // relative to the script folder: "users.sql", "app/users@v1.sql"
  std::string reworked;  // "@v1" for an earlier instance, "" for the newest
};

ScriptName script_name(const std::string& root, const SqitchLayout& layout,
                       const SqitchChange& change) {
  std::string extension = "." + layout.extension;
  if (!change.reworked()) return {change.name + extension, ""};
  fs::path name(change.name);
  std::string folder = name.has_parent_path() ? name.parent_path().generic_string() + "/" : "";
  std::string base = name.filename().string();
  for (const std::string& tag : change.rework_tags) {
    std::string file = folder + base + tag + extension;
    if (is_file(on_disk(root, in_project(layout.reworked_deploy_dir, file)))) return {file, tag};
  }
  const std::string& tag = change.rework_tags.front();
  return {folder + base + tag + extension, tag};
}

// Verify scripts commonly read `BEGIN; SELECT …; ROLLBACK;`: the check runs them in a
// transaction it rolls back itself, so their own transaction control goes.
void drop_verify_transaction(Script& script, Dialect dialect) {
  auto& statements = script.statements;
  if (!statements.empty() &&
      sql::is_phrase(statements.front().sql, dialect,
                {{"BEGIN"}, {"BEGIN", "TRANSACTION"}, {"BEGIN", "WORK"}, {"START", "TRANSACTION"}}))
    statements.erase(statements.begin());
  if (!statements.empty() &&
      sql::is_phrase(statements.back().sql, dialect,
                {{"ROLLBACK"}, {"ROLLBACK", "TRANSACTION"}, {"ROLLBACK", "WORK"}, {"COMMIT"},
                 {"COMMIT", "TRANSACTION"}, {"COMMIT", "WORK"}, {"END"}}))
    statements.pop_back();
}

// sqitch runs PostgreSQL scripts through psql, so they may hold psql meta-commands (`\set`,
// `\i`, `\ir`), which no server runs: the script is then defective at that line, with a
// message that says so instead of the server's syntax error.
void refuse_psql_commands(Script& script) {
  if (script.defect) return;
  for (const Statement& statement : script.statements) {
    size_t first = statement.sql.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || statement.sql[first] != '\\') continue;
    size_t end = statement.sql.find_first_of(" \t\r\n", first);
    std::string command = statement.sql.substr(first, end == std::string::npos ? end : end - first);
    script.defect = ScriptDefect{
        fmt::format("psql meta-command `{}`: sqitch runs this script through psql, Crucible runs "
                    "SQL only (inline what the command does)", command),
        statement.where};
    return;
  }
}

struct ChangeFile {
  std::string file;  // as the report names it: relative to the project folder
  std::string text;
  Markers markers;
};

class ProjectLoader {
 public:
  ProjectLoader(const std::string& root, const std::vector<EngineKind>& engines,
                const std::map<std::string, std::string>& defines)
      : root_(root), engines_(engines), defines_(defines), layout_(read_sqitch_layout(root)) {}

  MigrationSet load() {
    std::string plan_path = on_disk(root_, layout_.plan_file).string();
    if (!is_file(plan_path))
      throw Error(fmt::format("{}: no sqitch plan ({} holds no {}; sqitch.conf's plan_file or "
                              "top_dir say where it is)", plan_path, root_, layout_.plan_file));
    SqitchPlan plan = parse_sqitch_plan(read_file(plan_path), plan_path);
    if (plan.changes.empty())
      throw Error(fmt::format("{}: the sqitch plan holds no changes", plan_path));
    MigrationSet set{root_, "sqitch", {}};
    for (const SqitchChange& change : plan.changes)
      set.migrations.push_back(migration(plan_path, change));
    return set;
  }

 private:
  std::optional<ChangeFile> read(const std::string& dir, const std::string& name,
                                 Migration& migration, bool markers) const {
    std::string file = in_project(dir, name);
    fs::path path = on_disk(root_, file);
    if (!is_file(path)) return std::nullopt;
    ChangeFile change{file, read_file(path.string()), {}};
    if (!markers) return change;
    change.markers = read_markers(change.text, path.string());
    if (!change.markers.lossy) change.markers.lossy = read_lossy_sidecar(path.string());
    if (!migration.irreversible) migration.irreversible = change.markers.irreversible;
    if (!migration.lossy) migration.lossy = change.markers.lossy;
    return change;
  }

  Migration migration(const std::string& plan_path, const SqitchChange& change) const {
    ScriptName name = script_name(root_, layout_, change);
    bool reworked = !name.reworked.empty();
    Migration migration{change.name + name.reworked, change.name};
    auto dir = [&](const std::string& newest, const std::string& earlier) {
      return reworked ? earlier : newest;
    };
    std::optional<ChangeFile> deploy =
        read(dir(layout_.deploy_dir, layout_.reworked_deploy_dir), name.file, migration, true);
    if (!deploy)
      throw Error(fmt::format("{}:{}: change \"{}\" has no deploy script (expected {})", plan_path,
                              change.line, migration.version,
                              in_project(dir(layout_.deploy_dir, layout_.reworked_deploy_dir),
                                         name.file)));
    std::optional<ChangeFile> revert =
        read(dir(layout_.revert_dir, layout_.reworked_revert_dir), name.file, migration, true);
    std::optional<ChangeFile> verify =
        read(dir(layout_.verify_dir, layout_.reworked_verify_dir), name.file, migration, false);
    if (!verify)
      migration.notes.push_back(fmt::format(
          "{}: no verify script ({}), so no `verify` check", migration.version,
          in_project(dir(layout_.verify_dir, layout_.reworked_verify_dir), name.file)));
    for (EngineKind engine : engines_) {
      if (auto why = not_for(engine, layout_.engine, defines_)) {
        migration.unavailable[engine] = *why;
        continue;
      }
      migration.scripts[engine] = scripts(engine, *deploy, revert, verify);
    }
    return migration;
  }

  static EngineScripts scripts(EngineKind engine, const ChangeFile& deploy,
                               const std::optional<ChangeFile>& revert,
                               const std::optional<ChangeFile>& verify) {
    Dialect dialect = dialect_of(engine);
    auto make = [&](const ChangeFile& f) {
      return make_script(f.text, dialect, f.file, 1, !f.markers.no_transaction);
    };
    EngineScripts scripts{make(deploy), std::nullopt};
    if (revert) scripts.reverse = make(*revert);
    if (verify) {
      scripts.verify = make_script(verify->text, dialect, verify->file, 1, false);
      drop_verify_transaction(*scripts.verify, dialect);
    }
    if (dialect == Dialect::postgres) {
      refuse_psql_commands(scripts.forward);
      if (scripts.reverse) refuse_psql_commands(*scripts.reverse);
      if (scripts.verify) refuse_psql_commands(*scripts.verify);
    }
    return scripts;
  }

  const std::string& root_;
  const std::vector<EngineKind>& engines_;
  const std::map<std::string, std::string>& defines_;
  SqitchLayout layout_;
};

}  // namespace

bool is_sqitch_project(const std::string& root) {
  return is_file(fs::path(root) / "sqitch.plan") || is_file(fs::path(root) / "sqitch.conf");
}

MigrationSet load_sqitch_project(const std::string& root, const std::vector<EngineKind>& engines,
                                 const std::map<std::string, std::string>& defines) {
  return ProjectLoader(root, engines, defines).load();
}

}  // namespace crucible
