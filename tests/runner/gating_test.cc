#include "runner/gating.h"

#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "runner/allow_list.h"
#include "tests/support/sample_report.h"
#include "tests/support/crucible_binary.h"

namespace crucible {
namespace {

using testing::sample_report;

// sample_report() without the engine that could not connect (that alone exits 2).
Report reachable() {
  Report report = sample_report();
  report.engines.pop_back();
  return report;
}

GateVerdict gate(const Report& report, const std::string& fail_on, const std::string& allow = "",
                 const std::string& today = "2026-01-15") {
  return evaluate_gate(report, GateOptions{fail_on, allow, today});
}

std::string allow_error(const std::string& toml) {
  testing::TempFolder folder;
  folder.write("allow.toml", toml);
  try {
    read_allow_list(folder / "allow.toml");
  } catch (const Error& e) {
    std::string message = e.what();
    return message.substr(message.rfind('/') + 1);
  }
  return "";
}

TEST(Gate, FailOnSelectsWhatFails) {
  EXPECT_EQ(gate(reachable(), "any").exit_code, 1);
  EXPECT_EQ(gate(reachable(), "fail").exit_code, 1);   // two roundtrip fails
  EXPECT_EQ(gate(reachable(), "error").exit_code, 1);  // one forward error
  Report fails_only = reachable();
  fails_only.engines.erase(fails_only.engines.begin() + 1);  // drop mariadb, the only error
  EXPECT_EQ(gate(fails_only, "error").exit_code, 0);
  EXPECT_EQ(gate(fails_only, "fail").exit_code, 1);
}

TEST(Gate, AnEngineThatCouldNotRunExitsTwo) {
  EXPECT_EQ(gate(sample_report(), "any").exit_code, 2);
}

TEST(Gate, AllowListExcusesKnownFailuresAndWarnsAboutStaleEntries) {
  testing::TempFolder folder;
  folder.write("allow.toml", R"([[allow]]
migration = "0002"
check = "roundtrip"
reason = "index kept on purpose"

[[allow]]
migration = "0003"
engine = "mariadb"
reason = "orders predates crucible"
expires = 2027-01-01

[[allow]]
migration = "0001"
reason = "nothing fails here"

[[allow]]
migration = "0003"
reason = "was fixed long ago"
expires = "2025-12-31"
)");
  GateVerdict verdict = gate(reachable(), "any", folder / "allow.toml");
  EXPECT_EQ(verdict.exit_code, 0);
  EXPECT_EQ(verdict.context.allowed.size(), 3u);  // 2 roundtrips + 1 forward error
  Result roundtrip;
  roundtrip.engine = "sqlite", roundtrip.migration = "0002", roundtrip.check = "roundtrip";
  ASSERT_NE(verdict.context.allowed_reason(roundtrip), nullptr);
  EXPECT_EQ(*verdict.context.allowed_reason(roundtrip), "index kept on purpose");
  ASSERT_EQ(verdict.context.warnings.size(), 2u);
  EXPECT_EQ(verdict.context.warnings[0],
            folder / "allow.toml:12: allow entry for 0001 (engine *, check *) is unused: nothing "
                     "it names failed");
  EXPECT_EQ(verdict.context.warnings[1],
            folder / "allow.toml:16: allow entry for 0003 (engine *, check *) expired on "
                     "2025-12-31: not applied");
}

TEST(Gate, AnExpiredEntryNoLongerExcuses) {
  testing::TempFolder folder;
  folder.write("allow.toml", "[[allow]]\nmigration = \"0003\"\nreason = \"r\"\n"
                             "expires = 2026-01-14\n");
  Report report = reachable();
  report.engines.erase(report.engines.begin());  // keep mariadb alone: its 0003 error
  report.engines.pop_back();
  EXPECT_EQ(gate(report, "any", folder / "allow.toml", "2026-01-14").exit_code, 0);
  EXPECT_EQ(gate(report, "any", folder / "allow.toml", "2026-01-15").exit_code, 1);
}

TEST(AllowList, ErrorsNameFileAndLine) {
  EXPECT_EQ(allow_error("[[allow]]\nmigration = \"0001\"\n"),
            "allow.toml:1: allow entry without \"reason\"");
  EXPECT_EQ(allow_error("[[allow]]\nmigration = \"0001\"\nreason = \"r\"\nengnie = \"pg\"\n"),
            "allow.toml:4: unknown key \"engnie\" (expected migration, engine, check, reason, "
            "expires)");
  EXPECT_EQ(allow_error("[[allow]]\nmigration = 1\nreason = \"r\"\n"),
            "allow.toml:2: \"migration\" must be a string");
  EXPECT_EQ(allow_error("[[allow]]\nmigration = \"1\"\nreason = \"r\"\nexpires = \"soon\"\n"),
            "allow.toml:4: \"expires\" must be a date, YYYY-MM-DD");
  EXPECT_EQ(allow_error("[allow]\nmigration = \"1\"\n"), "allow.toml:1: \"allow\" must be [[allow]] tables");
  EXPECT_EQ(allow_error("[[allow]\n").substr(0, 13), "allow.toml:1:");
  EXPECT_EQ(allow_error("title = \"x\"\n"),
            "allow.toml:1: unknown key \"title\" (expected [[allow]] entries)");
}

}  // namespace
}  // namespace crucible
