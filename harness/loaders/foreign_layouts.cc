#include "harness/loaders/foreign_layouts.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include "harness/common/text_regex.h"
#include "harness/loaders/markers.h"

namespace crucible::loaders {
namespace fs = std::filesystem;
namespace {

// The first few kilobytes of a file: enough to recognise its tool, cheap on big folders.
std::string head_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(4096, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

bool has_extension(const fs::path& path, std::initializer_list<std::string_view> extensions) {
  std::string extension = path.extension().string();
  for (std::string_view e : extensions)
    if (extension == e) return true;
  return false;
}

std::optional<std::string> changelog_file(const fs::path& path) {
  if (!has_extension(path, {".xml", ".yaml", ".yml", ".json"})) return std::nullopt;
  if (head_of(path).find("databaseChangeLog") == std::string::npos) return std::nullopt;
  return fmt::format(
      "a Liquibase changelog ({}; XML, YAML and JSON changelogs are out of scope: for one that "
      "includes formatted-SQL files, write a formatted-SQL root changelog of `--include file:` "
      "lines in the same order and point Crucible at its folder)",
      path.filename().string());
}

bool is_alembic_revision(const fs::path& path) {
  return path.extension() == ".py" && head_of(path).find("down_revision") != std::string::npos;
}

// Folder-per-migration tools: what one subfolder of `root` holds.
std::optional<std::string> migration_folder(const fs::path& folder) {
  std::error_code error;
  std::string name = folder.filename().string();
  if (fs::exists(folder / "migration.sql", error))
    return fmt::format("a Prisma migrations folder ({}/migration.sql)", name);
  if (fs::exists(folder / "up.sql", error))
    return fmt::format("a Diesel migrations folder ({}/up.sql)", name);
  if (name == "versions")
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error))
      if (is_alembic_revision(entry.path()))
        return fmt::format("an Alembic migrations folder (versions/{})",
                           entry.path().filename().string());
  return std::nullopt;
}

}  // namespace

std::optional<std::string> foreign_sql_file(std::string_view text, std::string_view file) {
  static const std::regex goose = text_regex(
      R"(^\s*--\s*\+goose\s+(Up|Down)\b.*$)", std::regex::icase);
  static const std::regex liquibase = text_regex(
      R"(^\s*--\s*liquibase\s+formatted\s+sql\b.*$)", std::regex::icase);
  std::optional<std::string> found;
  for_each_line(text, 1, [&](std::string_view line, int number) {
    if (found) return;
    if (std::regex_match(line.begin(), line.end(), goose))
      found = fmt::format("goose migrations (`{}` on line {} of {})", line, number, file);
    else if (std::regex_match(line.begin(), line.end(), liquibase))
      found = fmt::format("Liquibase formatted SQL (`{}` on line {} of {}; read it with --format "
                          "liquibase)", line, number, file);
  });
  return found;
}

std::optional<std::string> foreign_folder(const std::string& root) {
  std::error_code error;
  fs::path base(root);
  if (fs::exists(base / "sqitch.plan", error)) return "a sqitch project (sqitch.plan)";
  std::vector<fs::path> entries;
  for (const fs::directory_entry& entry : fs::directory_iterator(base, error))
    entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& path : entries) {
    if (fs::is_directory(path, error)) {
      if (auto found = migration_folder(path)) return found;
    } else if (auto found = changelog_file(path)) {
      return found;
    } else if (is_alembic_revision(path)) {
      return fmt::format("an Alembic versions folder ({})", path.filename().string());
    } else if (path.extension() == ".sql") {
      if (auto found = foreign_sql_file(head_of(path), path.filename().string())) return found;
    }
  }
  return std::nullopt;
}

std::string unsupported_layout_message(const std::string& where, const std::string& recognised) {
  // Read by loaders of their own, which the user's --format did not choose.
  if (recognised.find("Alembic") != std::string::npos)
    return fmt::format("{}: recognised {}; read it with --format alembic, naming the folder that "
                       "holds alembic.ini (or env.py beside versions/)",
                       where, recognised);
  for (auto [start, format] : {std::pair{"goose", "goose"}, std::pair{"a Diesel", "folders"},
                                std::pair{"a sqitch", "sqitch"}})
    if (recognised.starts_with(start))
      return fmt::format("{}: recognised {}; read it with --format {} (or --format auto)", where,
                         recognised, format);
  return fmt::format(
      "{}: recognised {}, which Crucible does not read yet (it reads golang-migrate and ory/popx "
      "up/down files, dbmate, sql-migrate, Flyway, goose, folder-per-migration, Liquibase "
      "formatted SQL, sqitch, Alembic, the Lua DSL and Helium designs)",
      where, recognised);
}

}  // namespace crucible::loaders
