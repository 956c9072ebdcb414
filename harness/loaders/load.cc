// load_migrations: picks the loader for a folder, by its contents or as the user says.
//   sql          only .sql files (sql-migrate files are told apart by their contents)
//   sql-migrate  .sql files read as sql-migrate's, whatever else they look like
//   lua     only VERSION_name.lua files (the Lua DSL)
//   helium  <design>_NNNN.lua files, optionally with database.lua / database_<engine>.lua
//   goose   VERSION_name.sql with `-- +goose Up` / `Down` (and VERSION_name.go, skipped)
//   folders VERSION_name/up.sql + down.sql (Diesel and Go projects)
//   liquibase  formatted-SQL changelogs (.sql files starting `--liquibase formatted sql`)
//   sqitch  a project with sqitch.plan (or sqitch.conf) and deploy/, revert/, verify/ scripts
//   alembic    an Alembic project (alembic.ini, or env.py + versions/), rendered offline
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <regex>

#include "harness/common/error.h"
#include "harness/loaders/alembic_directory.h"
#include "harness/loaders/alembic_graph.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/file_names.h"
#include "harness/loaders/foreign_layouts.h"
#include "harness/loaders/goose_directory.h"
#include "harness/loaders/helium_directory.h"
#include "harness/loaders/liquibase_directory.h"
#include "harness/loaders/loader.h"
#include "harness/loaders/lua_directory.h"
#include "harness/loaders/migration_folders.h"
#include "harness/loaders/sqitch_project.h"

namespace crucible {
namespace {

constexpr std::string_view kSupportedFormats =
    "auto, sql, sql-migrate, goose, folders, liquibase, sqitch, alembic, lua, helium";

bool any_with_extension(const std::vector<std::string>& files, std::string_view extension) {
  return std::any_of(files.begin(), files.end(),
                     [&](const std::string& file) { return file.ends_with(extension); });
}

// The .sql files among `files` named as migrations of a single-folder layout (a name that fits
// one Crucible cannot read counts: the sql loader says why).
std::vector<std::string> migration_file_names(const std::string& root,
                                              const std::vector<std::string>& files) {
  std::vector<std::string> named;
  std::copy_if(files.begin(), files.end(), std::back_inserter(named), [&](const std::string& file) {
    if (!file.ends_with(".sql")) return false;
    try {
      return loaders::parse_migration_file_name(file, loaders::path_in(root, file)).has_value();
    } catch (const Error&) {
      return true;
    }
  });
  return named;
}

// A few of the files, for a message about what the folder holds.
std::string sample(const std::vector<std::string>& files) {
  constexpr size_t kShown = 3;
  std::vector<std::string> shown(files.begin(), files.begin() + std::min(files.size(), kShown));
  std::string list = fmt::format("{}", fmt::join(shown, ", "));
  return files.size() > kShown ? fmt::format("{}, … ({} files)", list, files.size()) : list;
}

// require("migration"), require 'migration', require([[migration]])...
bool uses_dsl_module(const std::string& text) {
  static const std::regex call(R"re(require\s*\(?\s*(["']|\[\[)migration(["']|\]\]))re");
  return std::regex_search(text, call);
}

// A folder of .lua files is a Helium design when every migration file is <design>_NNNN.lua, and
// a DSL folder when every file is NNNN_name.lua and uses require("migration"). A name that fits
// both (0001_x_1000.lua) is decided by the content.
std::string detect_lua_format(const std::string& root, const std::vector<std::string>& lua_files) {
  bool all_helium = true, all_dsl = true;
  bool helium_library = !helium_library_dir(root).empty();
  for (const std::string& file : lua_files) {
    if (is_helium_support_file(file)) continue;
    if (helium_library && !is_helium_file_name(file) && !is_dsl_file_name(file)) continue;  // a module
    all_helium &= is_helium_file_name(file);
    all_dsl &= is_dsl_file_name(file) && uses_dsl_module(loaders::read_file(loaders::path_in(root, file)));
  }
  if (all_dsl) return "lua";
  if (all_helium) return "helium";
  throw Error(fmt::format(
      "cannot recognise the migration format of {}: its .lua files are neither all Lua DSL "
      "migrations (VERSION_name.lua returning require(\"migration\").define(…)) nor all Helium "
      "design files (<design>_NNNN.lua); found {} (use --format lua or --format helium)",
      root, sample(lua_files)));
}

std::string detect_format(const std::string& root) {
  std::vector<std::string> files = loaders::list_files(root);
  // Its scripts are in subfolders; the .sql files of other tools' layouts never come with a plan.
  if (is_sqitch_project(root)) return "sqitch";
  if (loaders::is_alembic_folder(root)) return "alembic";
  bool sql = any_with_extension(files, ".sql"), lua = any_with_extension(files, ".lua");
  if (sql && !lua && is_goose_folder(root, files)) return "goose";
  // Diesel reads only the subfolders: a .sql file beside them (a data script a migration's
  // comment points to) is not a migration, unless its name says it is one.
  if (std::vector<std::string> folders = migration_folder_names(root); !lua && !folders.empty()) {
    std::vector<std::string> named = migration_file_names(root, files);
    if (named.empty()) return "folders";
    throw Error(fmt::format(
        "cannot recognise the migration format of {}: it holds migration folders ({}) and "
        "migration files ({}) beside them (use --format folders or --format sql)",
        root, sample(folders), sample(named)));
  }
  if (!sql && !lua)
    if (std::optional<std::string> tool = loaders::foreign_folder(root))
      throw Error(loaders::unsupported_layout_message(root, *tool));
  if (sql && !lua) return is_liquibase_folder(root) ? "liquibase" : "sql";
  if (lua && !sql) {
    std::vector<std::string> lua_files;
    std::copy_if(files.begin(), files.end(), std::back_inserter(lua_files),
                 [](const std::string& f) { return f.ends_with(".lua"); });
    return detect_lua_format(root, lua_files);
  }
  std::string why = sql             ? "it holds both .sql and .lua files"
                    : files.empty() ? "it holds no files"
                                    : fmt::format("no .sql or .lua migrations among {}", sample(files));
  throw Error(fmt::format("cannot recognise the migration format of {} ({}; supported formats: {})",
                          root, why, kSupportedFormats));
}

}  // namespace

MigrationSet load_migrations(const std::string& root, const std::vector<EngineKind>& engines,
                             const std::string& format,
                             const std::map<std::string, std::string>& defines,
                             const helium::DesignOptions& helium) {
  std::string chosen = format == "auto" ? detect_format(root) : format;
  if (chosen == "sql") return load_sql_directory(root, engines);
  if (chosen == "sql-migrate")
    return load_sql_directory(root, engines, loaders::Layout::sql_migrate);
  if (chosen == "goose") return load_goose_directory(root, engines);
  if (chosen == "folders") return load_migration_folders(root, engines);
  if (chosen == "lua") return load_lua_directory(root, engines, defines);
  if (chosen == "helium") return load_helium_directory(root, engines, defines, helium);
  if (chosen == "liquibase") return load_liquibase_directory(root, engines);
  if (chosen == "sqitch") return load_sqitch_project(root, engines, defines);
  if (chosen == "alembic") return load_alembic_directory(root, engines, {.environment = defines});
  throw Error(fmt::format("unknown migration format '{}' (supported formats: {})", format,
                          kSupportedFormats));
}

}  // namespace crucible
