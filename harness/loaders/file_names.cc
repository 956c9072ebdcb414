#include "harness/loaders/file_names.h"

#include <fmt/format.h>

#include <regex>

#include "harness/common/error.h"

namespace crucible::loaders {
namespace {

// Engines named in popx file names that Crucible does not run: their variants are skipped.
bool is_other_engine(const std::string& token) { return token == "cockroach"; }

// The tokens between the name and `.up`/`.down`: an engine, then popx's `autocommit`.
void parse_variant(const std::string& tokens, const std::string& path, MigrationFileName& parsed) {
  std::string rest = tokens;
  if (rest == ".autocommit" || rest.ends_with(".autocommit")) {
    parsed.autocommit = true;
    rest.resize(rest.size() - std::string_view(".autocommit").size());
  }
  if (rest.empty()) return;
  std::string engine = rest.substr(1);
  if (engine == "sqlite3") engine = "sqlite";  // popx's name
  if (is_other_engine(engine)) {
    parsed.other_engine = engine;
    return;
  }
  parsed.engine = parse_engine_name(engine);
  if (!parsed.engine || engine.find('.') != std::string::npos)
    throw Error(fmt::format(
        "{}: unknown engine '{}' in the file name (expected sqlite, sqlite3, postgres, mysql, "
        "mariadb, db2 or cockroach, optionally followed by .autocommit)",
        path, engine));
}

std::optional<MigrationFileName> parse_golang_migrate(const std::string& file,
                                                      const std::string& path) {
  static const std::regex pattern(R"(^([0-9]+)_([^.]+)((?:\.[^.]+)*)\.(up|down)\.sql$)");
  std::smatch m;
  if (!std::regex_match(file, m, pattern)) return std::nullopt;
  MigrationFileName parsed{file,         Layout::golang_migrate,
                           m[1].str(),   m[2].str(),
                           std::nullopt, m[4].str() == "up" ? Direction::up : Direction::down};
  parse_variant(m[3].str(), path, parsed);
  return parsed;
}

std::optional<MigrationFileName> parse_dbmate(const std::string& file) {
  static const std::regex pattern(R"(^([0-9]+)[_-]([^.]+)\.sql$)");
  std::smatch m;
  if (!std::regex_match(file, m, pattern)) return std::nullopt;
  return MigrationFileName{file,       Layout::dbmate, m[1].str(),
                           m[2].str(), std::nullopt,   Direction::up};
}

std::optional<MigrationFileName> parse_flyway(const std::string& file, const std::string& path) {
  static const std::regex repeatable(R"(^R__.+\.sql$)");
  if (std::regex_match(file, repeatable))
    throw Error(fmt::format(
        "{}: Flyway repeatable migrations (R__) are not supported: Crucible verifies versioned "
        "migrations (V<version>__<description>.sql)",
        path));
  static const std::regex pattern(R"(^([VU])([0-9]+(?:[._][0-9]+)*)__(.+)\.sql$)");
  std::smatch m;
  if (!std::regex_match(file, m, pattern)) return std::nullopt;
  return MigrationFileName{file,         Layout::flyway,
                           m[2].str(),   m[3].str(),
                           std::nullopt, m[1].str() == "V" ? Direction::up : Direction::down};
}

}  // namespace

std::string_view layout_name(Layout layout) {
  switch (layout) {
    case Layout::golang_migrate:
      return "golang-migrate";
    case Layout::dbmate:
      return "dbmate";
    case Layout::sql_migrate:
      return "sql-migrate";
    case Layout::flyway:
      return "Flyway";
  }
  return "?";
}

std::optional<MigrationFileName> parse_migration_file_name(std::string_view file_name,
                                                           const std::string& path) {
  std::string file(file_name);
  if (auto parsed = parse_golang_migrate(file, path)) return parsed;
  if (auto parsed = parse_dbmate(file)) return parsed;
  return parse_flyway(file, path);
}

std::string_view expected_file_names() {
  return "VERSION_name.up.sql and VERSION_name.down.sql (golang-migrate, ory/popx), "
         "VERSION_name.sql (dbmate, sql-migrate), or V<version>__<description>.sql and "
         "U<version>__<description>.sql (Flyway)";
}

}  // namespace crucible::loaders
