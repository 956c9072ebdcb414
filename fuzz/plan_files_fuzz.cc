// The readers of the files that order other tools' migrations, on arbitrary bytes: a sqitch plan,
// a Liquibase formatted-SQL changelog, sqitch.conf's git-config. The first byte chooses the
// reader. Properties: each throws only crucible::Error, naming the file; what it returns points
// at lines of the text (a change's line, a changeset's first line and its rollback's blanked
// lines, one per line of the text).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz/fuzz_check.h"
#include "harness/common/error.h"
#include "harness/loaders/liquibase_changelog.h"
#include "harness/loaders/sqitch_config.h"
#include "harness/loaders/sqitch_plan.h"

namespace {

using namespace crucible;

bool names_file(const Error& e, const std::string& file) {
  return std::string_view(e.what()).starts_with(file);
}

void sqitch_plan(std::string_view text) {
  const std::string file = "sqitch.plan";
  try {
    loaders::SqitchPlan plan = loaders::parse_sqitch_plan(text, file);
    for (const loaders::SqitchChange& change : plan.changes)
      check(change.line >= 1 && change.line <= lines_in(text) && !change.name.empty());
  } catch (const Error& e) {
    check(names_file(e, file));
  }
}

void liquibase(std::string_view text) {
  const std::string file = "changelog.sql";
  try {
    for (const loaders::LiquibaseItem& item : loaders::parse_liquibase_changelog(text, file)) {
      if (const auto* include = std::get_if<loaders::LiquibaseInclude>(&item)) {
        check(include->line >= 1 && include->line <= lines_in(text));
        continue;
      }
      const auto& changeset = std::get<loaders::LiquibaseChangeset>(item);
      check(changeset.line >= 1 && changeset.first_line == changeset.line + 1);
      // The SQL and the rollback keep the file's lines: as many of them, never more than it has.
      check(lines_in(changeset.sql) == lines_in(changeset.rollback));
      check(changeset.first_line + lines_in(changeset.sql) - 2 <= lines_in(text) + 1);
    }
  } catch (const Error& e) {
    check(names_file(e, file));
  }
}

void git_config(std::string_view text) {
  const std::string file = "sqitch.conf";
  try {
    for (const auto& [key, value] : loaders::parse_git_config(text, file))
      check(!key.empty() && key.find('.') != std::string::npos);
  } catch (const Error& e) {
    check(names_file(e, file));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: sqitch_plan(text); break;
    case 1: liquibase(text); break;
    default: git_config(text); break;
  }
  return 0;
}
