// One Liquibase formatted-SQL changelog file, cut into what it says, in file order:
//   --liquibase formatted sql                 the first non-blank line
//   --changeset author:id attr:value …        starts a changeset (one migration)
//   --rollback <sql>                          a line of the changeset's rollback
//   /* liquibase rollback … */                a multi-line rollback block
//   --rollback empty | not required           no rollback, on purpose
//   --preconditions … / --precondition-<x> …  kept as written (Crucible does not evaluate them)
//   --comment: … / --validCheckSum: …         ignored
//   --ignoreLines:start … :end, :N            lines Liquibase (and Crucible) leave out
//   --include file:<path>                     another formatted-SQL changelog, read in place
//   --includeAll path:<folder>                every .sql file under the folder, by path
// An include inside a changeset is read where it stands, and the changeset goes on after it.
// The changeset's SQL and its rollback keep their file line numbers: lines that belong to the
// other are blanked, so statements are located exactly.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace crucible::loaders {

struct LiquibaseChangeset {
  std::string author;
  std::string id;
  int line = 0;                                   // of the `--changeset` line
  std::map<std::string, std::string> attributes;  // as written: dbms, runInTransaction, …
  std::string sql;       // the changeset's text from its first line, rollback lines blanked
  int first_line = 0;    // the file line `sql` and `rollback` start on
  std::string rollback;  // the rollback SQL, other lines blanked; empty when none
  bool has_rollback = false;
  std::optional<std::string> declared_no_rollback;  // "--rollback empty" as written
  std::vector<std::string> preconditions;           // the precondition lines, as written
  std::vector<std::string> notes;  // lines Liquibase reads as comments that look meant otherwise
};

struct LiquibaseInclude {
  std::string path;  // as written after file: / path:
  bool all = false;  // includeAll: a folder
  int line = 0;
};

using LiquibaseItem = std::variant<LiquibaseChangeset, LiquibaseInclude>;

// True when the first non-blank line of `text` is `--liquibase formatted sql`.
bool is_liquibase_formatted_sql(std::string_view text);

// Reads `text`, the contents of `file`. Throws crucible::Error naming the file and line for a
// missing header, SQL outside a changeset, a changeset line without author:id, an attribute
// Liquibase does not have, an unclosed rollback block, or an id used twice in the file.
std::vector<LiquibaseItem> parse_liquibase_changelog(std::string_view text,
                                                     const std::string& file);

}  // namespace crucible::loaders
