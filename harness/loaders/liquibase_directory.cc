#include "harness/loaders/liquibase_directory.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/liquibase_changelog.h"
#include "harness/loaders/markers.h"
#include "harness/loaders/script.h"

namespace crucible {
namespace fs = std::filesystem;
using loaders::LiquibaseChangeset;
using loaders::LiquibaseInclude;
using loaders::LiquibaseItem;

namespace {

struct Placed {
  std::string file;  // relative to the root
  LiquibaseChangeset changeset;
};

std::string relative_name(const fs::path& path, const fs::path& root) {
  fs::path relative = path.lexically_relative(root);
  return (relative.empty() || relative.native().starts_with("..") ? path : relative)
      .generic_string();
}

std::string where(const std::string& file, int line) { return fmt::format("{}:{}", file, line); }

// Reads the changelogs of one folder: parses each file once, follows includes.
class Changelogs {
 public:
  explicit Changelogs(const std::string& root)
      : root_(fs::absolute(root).lexically_normal()), shown_root_(root) {}

  // The files directly in the root that no other changelog includes, in name order.
  std::vector<fs::path> roots(const std::vector<std::string>& sql_files) {
    std::set<fs::path> included;
    for (const std::string& name : sql_files) {
      fs::path path = root_ / name;
      for (const LiquibaseItem& item : parsed(path, ""))
        if (auto include = std::get_if<LiquibaseInclude>(&item))
          for (const fs::path& target : targets(*include, path)) included.insert(target);
    }
    std::vector<fs::path> roots;
    for (const std::string& name : sql_files)
      if (!included.count(root_ / name)) roots.push_back(root_ / name);
    return roots;
  }

  // Appends the changesets of `path` and what it includes, in order.
  void expand(const fs::path& path, const std::string& included_at, std::vector<Placed>& out) {
    if (auto cycle = std::find(stack_.begin(), stack_.end(), path); cycle != stack_.end())
      throw Error(fmt::format("{}: include cycle: {} includes itself", included_at,
                              relative_name(path, root_)));
    if (auto [at, fresh] = read_at_.emplace(path, included_at); !fresh)
      throw Error(fmt::format("{}: {} is included a second time (first {})", included_at,
                              relative_name(path, root_),
                              at->second.empty() ? "as a root changelog" : "at " + at->second));
    stack_.push_back(path);
    std::string name = relative_name(path, root_);
    for (const LiquibaseItem& item : parsed(path, included_at)) {
      if (auto changeset = std::get_if<LiquibaseChangeset>(&item)) {
        out.push_back({name, *changeset});
        continue;
      }
      const auto& include = std::get<LiquibaseInclude>(item);
      for (const fs::path& target : targets(include, path))
        expand(target, where(name, include.line), out);
    }
    stack_.pop_back();
  }

 private:
  const std::vector<LiquibaseItem>& parsed(const fs::path& path, const std::string& included_at) {
    auto it = cache_.find(path);
    if (it != cache_.end()) return it->second;
    std::string name = relative_name(path, root_);
    std::string text = loaders::read_file(path.string());
    if (!loaders::is_liquibase_formatted_sql(text))
      throw Error(fmt::format(
          "{}: not Liquibase formatted SQL (its first line must be `--liquibase formatted "
          "sql`){}",
          name, included_at.empty() ? "" : fmt::format("; included at {}", included_at)));
    return cache_[path] = loaders::parse_liquibase_changelog(text, name);
  }

  // Next to the including file, then in the root and the folders above it: real changelogs
  // name files from the classpath root (`db/changelog/changes/x.sql` in src/main/resources).
  fs::path resolve(const LiquibaseInclude& include, const fs::path& from) const {
    fs::path written(include.path);
    std::vector<fs::path> candidates = {written.is_absolute() ? written
                                                              : from.parent_path() / written};
    if (!written.is_absolute())
      for (fs::path folder = fs::absolute(root_);; folder = folder.parent_path()) {
        candidates.push_back(folder / written);
        if (folder == folder.parent_path()) break;
      }
    std::error_code error;
    for (const fs::path& candidate : candidates)
      if (fs::exists(candidate, error)) return fs::absolute(candidate).lexically_normal();
    throw Error(fmt::format(
        "{}: {} {} does not exist (looked next to the changelog, in {} and the folders above it)",
        where(relative_name(from, root_), include.line),
        include.all ? "included folder" : "included file", include.path, shown_root_));
  }

  std::vector<fs::path> targets(const LiquibaseInclude& include, const fs::path& from) const {
    fs::path target = resolve(include, from);
    std::error_code error;
    if (!include.all) {
      if (fs::is_directory(target, error))
        throw Error(fmt::format("{}: {} is a folder (use --includeAll path:{})",
                                where(relative_name(from, root_), include.line), include.path,
                                include.path));
      return {target};
    }
    if (!fs::is_directory(target, error))
      throw Error(fmt::format("{}: --includeAll path {} is not a folder",
                              where(relative_name(from, root_), include.line), include.path));
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(target, error))
      if (entry.is_regular_file() && entry.path().extension() == ".sql")
        files.push_back(entry.path().lexically_normal());
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return a.generic_string() < b.generic_string();
    });
    return files;
  }

  fs::path root_;           // absolute
  std::string shown_root_;  // as the user wrote it
  std::map<fs::path, std::vector<LiquibaseItem>> cache_;
  std::map<fs::path, std::string> read_at_;  // file -> where it was included ("" for a root)
  std::vector<fs::path> stack_;
};

void refuse_other_changelogs(const std::string& root, const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    std::string extension = fs::path(file).extension().string();
    if (extension != ".xml" && extension != ".yaml" && extension != ".yml" && extension != ".json")
      continue;
    if (loaders::read_file(loaders::path_in(root, file)).find("databaseChangeLog") ==
        std::string::npos)
      continue;
    throw Error(fmt::format(
        "{}: a Liquibase {} changelog, which is out of scope: Crucible reads Liquibase formatted "
        "SQL changelogs only (.sql files starting `--liquibase formatted sql`, joined with "
        "`--include file:` / `--includeAll path:`); for one that includes formatted-SQL files, "
        "write a formatted-SQL root changelog of `--include file:` lines in the same order",
        loaders::path_in(root, file),
        extension == ".xml"    ? "XML"
        : extension == ".json" ? "JSON"
                               : "YAML"));
  }
}

// The engines a Liquibase dbms name stands for.
std::vector<EngineKind> engines_named(const std::string& name) {
  if (name == "postgresql") return {EngineKind::postgres};
  if (name == "mysql") return {EngineKind::mysql, EngineKind::mariadb};
  if (name == "mariadb") return {EngineKind::mariadb};
  if (name == "sqlite") return {EngineKind::sqlite};
  if (name == "db2") return {EngineKind::db2};
  return {};
}

// Whether `dbms:` (as written, comma-separated, `!name` excludes, `all` / `none`) admits `kind`.
bool dbms_admits(const std::string& dbms, EngineKind kind) {
  bool any_positive = false, admitted = false;
  std::string list = dbms;
  for (size_t start = 0; start <= list.size();) {
    size_t comma = std::min(list.find(',', start), list.size());
    std::string name = list.substr(start, comma - start);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    start = comma + 1;
    if (name.empty()) continue;
    bool negated = name.front() == '!';
    if (negated) name.erase(0, 1);
    std::vector<EngineKind> named = engines_named(name);
    bool hit = name == "all" || std::find(named.begin(), named.end(), kind) != named.end();
    if (negated && hit) return false;
    if (!negated) {
      any_positive = true;
      admitted |= hit && name != "none";
    }
  }
  return !any_positive || admitted;
}

std::string attribute(const LiquibaseChangeset& c, const std::string& name,
                      const std::string& otherwise = "") {
  auto it = c.attributes.find(name);
  return it == c.attributes.end() ? otherwise : it->second;
}

bool is_false(const std::string& value) {
  return value == "false" || value == "FALSE" || value == "False";
}

// The statements of `text` cut at `delimiter`: text at the end of a line (`/`, `//`, `GO`, `$$`),
// or a regular expression when it has one's backslashes or alternatives (`\n/\s*\n|\n/\s*$`).
std::vector<loaders::ScriptPiece> delimited(std::string_view text, int first_line,
                                            const std::string& delimiter, const std::string& at) {
  std::regex pattern;
  try {
    bool regex = delimiter.find_first_of("\\|") != std::string::npos;
    pattern = text_regex(regex ? delimiter : regex_escaped(delimiter) + R"([ \t]*(?=\r?\n|$))");
  } catch (const std::regex_error& e) {
    throw Error(fmt::format("{}: endDelimiter {} is not a valid regular expression ({})", at,
                            delimiter, e.what()));
  }
  std::vector<loaders::ScriptPiece> pieces;
  auto line_of = [&](size_t offset) {
    return first_line + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
  };
  size_t start = 0;
  using It = std::string_view::const_iterator;
  for (std::regex_iterator<It> it(text.begin(), text.end(), pattern), end; it != end; ++it) {
    size_t match = static_cast<size_t>(it->position());
    if (it->length() == 0) continue;
    pieces.push_back({text.substr(start, match - start), line_of(start), true});
    start = match + static_cast<size_t>(it->length());
  }
  pieces.push_back({text.substr(start), line_of(start), true});
  return pieces;
}

Script make_changeset_script(std::string_view text, const LiquibaseChangeset& c, bool rollback,
                             EngineKind engine, const std::string& file, bool transactional) {
  std::string delimiter = attribute(c, "endDelimiter");
  std::string split = attribute(c, "splitStatements", "true");
  if (rollback) {
    delimiter = attribute(c, "rollbackEndDelimiter", delimiter);
    split = attribute(c, "rollbackSplitStatements", split);
  }
  Dialect dialect = dialect_of(engine);
  if (is_false(split))
    return loaders::make_script({{text, c.first_line, true}}, dialect, file, transactional);
  if (delimiter.empty() || delimiter == ";")
    return loaders::make_script(text, dialect, file, c.first_line, transactional);
  return loaders::make_script(delimited(text, c.first_line, delimiter, where(file, c.line)),
                              dialect, file, transactional);
}

std::string key_of(const LiquibaseChangeset& c) { return c.author + ":" + c.id; }

Migration make_migration(const Placed& placed, std::string version, std::string name,
                         const std::vector<EngineKind>& engines) {
  const LiquibaseChangeset& c = placed.changeset;
  const std::string& file = placed.file;
  Migration migration;
  migration.version = std::move(version);
  migration.name = std::move(name);
  loaders::Markers markers = loaders::read_markers(c.sql, file, c.first_line);
  migration.lossy = markers.lossy;
  migration.irreversible = markers.irreversible;
  if (c.declared_no_rollback && !migration.irreversible)
    migration.irreversible = fmt::format("the changeset declares `--rollback {}` ({})",
                                         *c.declared_no_rollback, where(file, c.line));
  for (const char* kept : {"context", "contextFilter", "labels"})
    if (auto value = attribute(c, kept); !value.empty())
      migration.notes.push_back(fmt::format(
          "changeset {} has {}:{} ({}); Crucible runs every changeset whatever its {}", key_of(c),
          kept, value, where(file, c.line), kept == std::string("labels") ? "labels" : "context"));
  migration.notes.insert(migration.notes.end(), c.notes.begin(), c.notes.end());
  bool transactional =
      !is_false(attribute(c, "runInTransaction", "true")) && !markers.no_transaction;
  std::string dbms = attribute(c, "dbms");
  for (EngineKind engine : engines) {
    if (!c.preconditions.empty()) {
      migration.unavailable[engine] =
          fmt::format("changeset {} has a precondition Crucible does not evaluate: `{}` ({})",
                      key_of(c), c.preconditions.back(), where(file, c.line));
    } else if (attribute(c, "ignore") == "true") {
      migration.unavailable[engine] =
          fmt::format("changeset {} is marked ignore:true ({})", key_of(c), where(file, c.line));
    } else if (!dbms.empty() && !dbms_admits(dbms, engine)) {
      migration.unavailable[engine] = fmt::format("changeset {} is for dbms:{} only ({})",
                                                  key_of(c), dbms, where(file, c.line));
    } else {
      EngineScripts scripts;
      scripts.forward = make_changeset_script(c.sql, c, false, engine, file, transactional);
      if (c.has_rollback && !c.declared_no_rollback)
        scripts.reverse = make_changeset_script(c.rollback, c, true, engine, file, transactional);
      if (scripts.forward.empty())
        migration.notes.push_back(
            fmt::format("changeset {} runs no SQL ({})", key_of(c), where(file, c.line)));
      migration.scripts[engine] = std::move(scripts);
    }
  }
  std::sort(migration.notes.begin(), migration.notes.end());
  migration.notes.erase(std::unique(migration.notes.begin(), migration.notes.end()),
                        migration.notes.end());
  return migration;
}

// The first kilobyte of a file, without a UTF-8 byte order mark: enough for the header line, and
// cheap when telling a folder of 10,000 migrations apart.
std::string head_of(const std::string& root, const std::string& file) {
  std::ifstream in(loaders::path_in(root, file), std::ios::binary);
  std::string text(1024, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return text;
}

}  // namespace

bool is_liquibase_folder(const std::string& root) {
  for (const std::string& file : loaders::list_files(root))
    if (file.ends_with(".sql") && loaders::is_liquibase_formatted_sql(head_of(root, file)))
      return true;
  return false;
}

MigrationSet load_liquibase_directory(const std::string& root,
                                      const std::vector<EngineKind>& engines) {
  std::vector<std::string> files = loaders::list_files(root);
  refuse_other_changelogs(root, files);
  std::vector<std::string> sql_files;
  std::copy_if(files.begin(), files.end(), std::back_inserter(sql_files),
               [](const std::string& f) { return f.ends_with(".sql"); });
  if (sql_files.empty())
    throw Error(
        fmt::format("{}: no Liquibase formatted SQL changelogs (.sql files starting "
                    "`--liquibase formatted sql`)",
                    root));
  Changelogs changelogs(root);
  std::vector<Placed> placed;
  for (const fs::path& changelog : changelogs.roots(sql_files))
    changelogs.expand(changelog, "", placed);
  if (placed.empty()) throw Error(fmt::format("{}: the changelogs hold no `--changeset`", root));

  std::map<std::string, int> uses;
  for (const Placed& p : placed) ++uses[key_of(p.changeset)];
  MigrationSet set{root, "liquibase", {}};
  int width = std::max<int>(4, static_cast<int>(std::to_string(placed.size()).size()));
  for (size_t i = 0; i < placed.size(); ++i) {
    std::string key = key_of(placed[i].changeset);
    std::string name = uses[key] > 1 ? placed[i].file + "::" + key : key;
    set.migrations.push_back(
        make_migration(placed[i], fmt::format("{:0{}}", i + 1, width), name, engines));
  }
  return set;
}

}  // namespace crucible
