// sqitch's plan file (sqitch.plan), read as sqitch 1.x reads it (App::Sqitch::Plan):
//
//   %syntax-version=1.0.0                      pragmas, up to the first blank line
//   %project=flipr
//   %uri=https://example.com/flipr
//
//   appschema 2024-01-01T10:00:00Z Ann <ann@example.com> # Add schema
//   users [appschema] 2024-01-02T10:00:00Z Ann <ann@example.com> # Add users
//   @v1.0 2024-01-03T10:00:00Z Ann <ann@example.com> # Tag v1.0
//   users [users@v1.0 !legacy other:change] 2024-01-04T10:00:00Z Ann <ann@example.com>
//
// The plan, not file names, orders the changes. A change named again after a tag is a rework:
// the earlier instance keeps the tags that lie between it and its rework (`rework_tags`), from
// which sqitch names its scripts (deploy/users@v1.0.sql; the newest is deploy/users.sql).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace crucible::loaders {

struct SqitchDependency {
  std::string text;     // as written: "!other:change@tag"
  std::string project;  // "" for this project
  std::string change;   // "" for a tag-only dependency (`@v1.0`)
  std::string tag;      // "" when none
  bool conflict = false;
};

struct SqitchChange {
  std::string name;  // may hold `/`: sqitch then nests its scripts in folders
  int line = 0;      // in the plan file
  std::vector<SqitchDependency> requires_changes;
  std::vector<SqitchDependency> conflicts;
  std::vector<std::string> tags;  // tags declared right after it, as "@v1.0"
  // Set when a later line reworks this change: the tags between this instance and the rework,
  // nearest to the rework first (sqitch's rework_tags). Empty for the newest instance.
  std::vector<std::string> rework_tags;
  std::string note;

  bool reworked() const { return !rework_tags.empty(); }
};

struct SqitchPlan {
  std::string file;                            // for messages
  std::map<std::string, std::string> pragmas;  // "project" -> "flipr", ...
  std::vector<SqitchChange> changes;           // in plan order

  const std::string& project() const { return pragmas.at("project"); }
};

// Parses the text of a plan file. Throws crucible::Error naming `file` and the line, with
// sqitch's own words where it has them: a missing %project, a change without timestamp or
// planner, an invalid name, a change named twice without a tag between, a duplicate or
// misplaced tag, a dependency on a change not planned before it.
SqitchPlan parse_sqitch_plan(std::string_view text, const std::string& file);

// True when `name` is a valid sqitch change, tag or project name.
bool is_sqitch_name(std::string_view name);

}  // namespace crucible::loaders
