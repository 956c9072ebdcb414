// The parts of sqitch.conf (git-config syntax) that say where a project's files are and which
// engine its scripts are written for. A setting is looked up as sqitch looks it up: in the
// default target's section (`[target "NAME"]`), then the engine's (`[engine "pg"]`), then
// `[core]`. The default target is `core.target`, else `engine.<engine>.target`; it is a target
// name or a URI (`db:pg:flipr`, whose scheme also names the engine when `core.engine` does not).
//   top_dir      default `.`
//   plan_file    default <top_dir>/sqitch.plan
//   deploy_dir, revert_dir, verify_dir          default <top_dir>/deploy, …
//   reworked_dir default <top_dir>; reworked_deploy_dir, … default <reworked_dir>/deploy, …
//   extension    default sql
// Relative paths are relative to the folder holding sqitch.conf, where sqitch runs.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace crucible::loaders {

struct SqitchLayout {
  std::string engine;  // sqitch's engine key ("pg", "mysql", "sqlite", ...); "" when unnamed
  std::string target;  // the default target's name or URI, "" when none
  std::string plan_file;
  std::string deploy_dir, revert_dir, verify_dir;
  std::string reworked_deploy_dir, reworked_revert_dir, reworked_verify_dir;
  std::string extension = "sql";
};

// Settings of a git-config text as "section.subsection.key" -> value (section and key in lower
// case, as git compares them). Throws crucible::Error naming `file` and the line for a line
// that is neither a section, a setting, a comment nor blank.
std::map<std::string, std::string> parse_git_config(std::string_view text, const std::string& file);

// The layout of the project in `root` from its sqitch.conf (all defaults when it has none).
// Paths are relative to `root` unless the configuration makes them absolute.
SqitchLayout read_sqitch_layout(const std::string& root);

}  // namespace crucible::loaders
