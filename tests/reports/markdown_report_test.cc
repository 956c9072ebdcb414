#include "reports/markdown_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tests/support/sample_report.h"

namespace crucible {
namespace {

using testing::sample_report;

TEST(MarkdownReport, SummarisesCountsPerEngine) {
  std::string md = markdown_report(sample_report());
  EXPECT_NE(md.find("Crucible: 26 passed, 2 failed, 1 errors, 7 skipped"), std::string::npos) << md;
  EXPECT_NE(md.find("| postgres | 15.18 | 11 | 1 | 0 | 0 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| mariadb | 10.11.6-MariaDB-0+deb12u1 | 8 | 0 | 1 | 3 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| mysql | **could not run**: cannot connect to 127.0.0.1:3307: Connection "
                    "refused | 0 | 0 | 0 | 0 |"), std::string::npos) << md;
  EXPECT_EQ(md.find(testing::kSamplePassword), std::string::npos);
}

// A PR comment says which session statements the verdicts depended on (--session, issue 20).
TEST(MarkdownReport, SaysEachEnginesSessionStatements) {
  auto report = sample_report();
  report.engines[1].session = {"SET foreign_key_checks = 0"};
  std::string md = markdown_report(report);
  EXPECT_NE(md.find("mariadb session: SET foreign\\_key\\_checks = 0"), std::string::npos) << md;
  EXPECT_EQ(markdown_report(sample_report()).find("session:"), std::string::npos);
}

TEST(MarkdownReport, ListsEachFailingCheckWithOneLineReason) {
  std::string md = markdown_report(sample_report());
  EXPECT_NE(md.find("| 0002 add\\_email\\_index | postgres | roundtrip | **fail** | index "
                    "users\\_email\\_idx present after reverse |"), std::string::npos) << md;
  // Errors say where the statement is.
  EXPECT_NE(md.find("| 0003 orders | mariadb | forward | **error** | Table 'orders' already "
                    "exists (at 0003\\_orders.up.sql:12) |"), std::string::npos) << md;
  // Passing and skipped checks are not listed.
  EXPECT_EQ(md.find("| reapply |"), std::string::npos) << md;
}

TEST(MarkdownReport, EscapesTableBreakersAndMarkup) {
  Report report = sample_report();
  report.engines[0].results[6].message = "a | b <img src=x onerror=alert(1)> `c`\nsecond line";
  std::string md = markdown_report(report);
  EXPECT_NE(md.find("a \\| b &lt;img src=x onerror=alert(1)&gt; \\`c\\` second line"),
            std::string::npos) << md;
  EXPECT_EQ(md.find("<img"), std::string::npos);
}

TEST(MarkdownReport, LinksTheHtmlAndMarksAllowedResults) {
  reports::ReportContext context;
  context.html_link = "crucible report.html";
  context.allowed[{"postgres", "0002", "roundtrip"}] = "known: index kept on purpose";
  context.warnings = {"allow.toml:4: allow entry for 0009 (engine *, check *) is unused"};
  std::string md = markdown_report(sample_report(), context);
  EXPECT_NE(md.find("[Full compatibility report (HTML)](crucible%20report.html)"), std::string::npos) << md;
  EXPECT_NE(md.find("| fail (allowed: known: index kept on purpose) |"), std::string::npos) << md;
  EXPECT_NE(md.find("- allow.toml:4: allow entry for 0009"), std::string::npos) << md;
}

TEST(MarkdownReport, CapsLongFailureLists) {
  Report report = sample_report();
  Result failing = report.engines[0].results[6];
  for (int i = 0; i < 80; ++i) {
    failing.migration = fmt::format("{:04}", 100 + i);
    report.engines[0].results.push_back(failing);
  }
  std::string md = markdown_report(report);
  EXPECT_NE(md.find("…and 33 more (see the full report)."), std::string::npos) << md;
}

TEST(MarkdownReport, AllPassingSaysSo) {
  Report report = sample_report();
  report.engines.resize(1);
  report.engines[0].results.resize(4);  // 0001: all pass
  std::string md = markdown_report(report);
  EXPECT_EQ(md.rfind("### ✅ Crucible: 4 passed, 0 failed, 0 errors, 0 skipped", 0), 0u) << md;
  EXPECT_EQ(md.find("| migration |"), std::string::npos) << md;
}

}  // namespace
}  // namespace crucible
