#include "reports/terminal_report.h"

#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "reports/text.h"
#include "tests/support/sample_report.h"

namespace crucible {
namespace {

using testing::sample_report;

std::string render(const Report& report, bool color) {
  std::ostringstream out;
  print_terminal_report(report, out, color);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The line that starts with `prefix`; fails the test when there is none.
std::string line_starting(const std::string& text, const std::string& prefix) {
  for (const std::string& line : lines_of(text))
    if (line.rfind(prefix, 0) == 0) return line;
  ADD_FAILURE() << "no line starting with '" << prefix << "' in\n" << text;
  return "";
}

// Byte offset of the code point at `column` (cells are aligned in code points, not bytes).
std::size_t byte_offset(const std::string& line, std::size_t column) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 && seen++ == column) return i;
  return line.size();
}

// The text of `row` under the column whose header is `engine`: the cell must start exactly
// where the header does, so this also checks that the matrix is aligned.
std::string cell(const std::string& text, const std::string& row, const std::string& engine) {
  std::string header = line_starting(text, "migration");
  std::string line = line_starting(text, row);
  std::size_t at = header.find("  " + engine);
  if (at == std::string::npos) return "<no column>";
  std::size_t start = byte_offset(line, reports::display_width(header.substr(0, at + 2)));
  std::size_t end = line.find("  ", start);
  return line.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST(ReportsTerminal, MatrixHasAVerdictPerEngineAndMigration) {
  std::string text = render(sample_report(), false);
  EXPECT_EQ(cell(text, "0001 create_users", "postgres"), "ok");
  EXPECT_EQ(cell(text, "0001 create_users", "sqlite"), "ok");
  EXPECT_EQ(cell(text, "0002 add_email_index", "postgres"), "FAIL roundtrip");
  EXPECT_EQ(cell(text, "0002 add_email_index", "mariadb"), "ok");
  EXPECT_EQ(cell(text, "0002 add_email_index", "sqlite"), "FAIL roundtrip");
  EXPECT_EQ(cell(text, "0003 orders", "postgres"), "ok");
  EXPECT_EQ(cell(text, "0003 orders", "mariadb"), "ERROR forward");
  EXPECT_EQ(cell(text, "0003 orders", "sqlite"), "skip");
  EXPECT_EQ(cell(text, "0003 orders", "mysql"), "-");
}

// The session statements a run depended on are said under their engine (--session, issue 20).
TEST(ReportsTerminal, EnginesSayTheirSessionStatements) {
  Report report = sample_report();
  report.engines[1].session = {"SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'"};
  std::string text = render(report, false);
  EXPECT_NE(text.find("session: SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'"),
            std::string::npos) << text;
  EXPECT_EQ(render(sample_report(), false).find("session:"), std::string::npos);
}

TEST(ReportsTerminal, CellsSummariseMixedOutcomes) {
  Report report = sample_report();
  report.engines[0].results[3].status = Status::fail;   // 0001 reapply
  report.engines[0].results[1].status = Status::fail;   // 0001 reverse
  report.engines[2].results[3].status = Status::skip;   // sqlite 0001 reapply
  report.engines[2].results[2].status = Status::skip;
  std::string text = render(report, false);
  EXPECT_EQ(cell(text, "0001 create_users", "postgres"), "FAIL reverse +1");
  EXPECT_EQ(cell(text, "0001 create_users", "sqlite"), "ok, 2 skip");
}

TEST(ReportsTerminal, DetailsForEveryFailure) {
  std::string text = render(sample_report(), false);
  EXPECT_NE(text.find("FAIL  postgres / 0002 add_email_index / roundtrip  (12.4 ms)\n"
                      "      index users_email_idx present after reverse\n"
                      "      - index users_email_idx: added (keys [email], method btree, table users, "
                      "unique true)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("FAIL  sqlite / 0002 add_email_index / roundtrip  (0.5 ms)\n"
                      "      column users.email differs after reverse\n"
                      "      - column users.email: changed nullable false → true\n"),
            std::string::npos)
      << text;
}

TEST(ReportsTerminal, DetailsForEngineErrorsWithTruncatedStatement) {
  std::string text = render(sample_report(), false);
  EXPECT_NE(text.find("ERROR mariadb / 0003 orders / forward  (3.2 ms)\n"
                      "      Table 'orders' already exists\n"
                      "      SQLSTATE 42S01, at 0003_orders.up.sql:12\n"
                      "      statement: CREATE TABLE orders ( id BIGINT PRIMARY KEY, note_0 "),
            std::string::npos)
      << text;
  std::string statement = line_starting(text, "      statement: ");
  EXPECT_EQ(statement.substr(statement.size() - 3), "…");
  EXPECT_EQ(statement.find("total DECIMAL"), std::string::npos);  // cut before the end
  EXPECT_LT(statement.size(), 6 + 11 + 200 + 3);
}

TEST(ReportsTerminal, FailuresComeInMatrixOrder) {
  std::string text = render(sample_report(), false);
  std::size_t postgres = text.find("FAIL  postgres / 0002");
  std::size_t sqlite = text.find("FAIL  sqlite / 0002");
  std::size_t mariadb = text.find("ERROR mariadb / 0003");
  ASSERT_NE(mariadb, std::string::npos);
  EXPECT_LT(postgres, sqlite);
  EXPECT_LT(sqlite, mariadb);
}

TEST(ReportsTerminal, EnginesWithVersionsNotesAndThoseThatCouldNotRun) {
  std::string text = render(sample_report(), false);
  EXPECT_NE(text.find("  postgres  15.18                      postgresql://crucible:***@127.0.0.1:5432/postgres\n"
                      "            note: 0003 ran outside a transaction (non-atomic)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  sqlite    3.40.1                     sqlite:\n"), std::string::npos);
  EXPECT_NE(text.find("  mysql     could not run: cannot connect to 127.0.0.1:3307: Connection "
                      "refused  mysql://crucible:***@127.0.0.1:3307/\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("1 engine could not run: mysql\n"), std::string::npos);
  EXPECT_EQ(text.find(testing::kSamplePassword), std::string::npos);
}

TEST(ReportsTerminal, EndsWithTheSummaryLine) {
  std::string text = render(sample_report(), false);
  std::vector<std::string> lines = lines_of(text);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "26 passed, 2 failed, 1 errors, 7 skipped");
  EXPECT_TRUE(std::regex_match(lines.back(), std::regex(R"(\d+ passed, \d+ failed(, .*)?)")));
}

TEST(ReportsTerminal, NoEscapesWithoutColourEvenFromEngineText) {
  Report report = sample_report();
  report.engines[1].results[8].message = "evil \x1b[2J\x1b]0;title\x07 message\r overwritten";
  report.engines[3].message = "refused \x1b[31mred";
  std::string text = render(report, false);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("evil \xEF\xBF\xBD[2J"), std::string::npos);
}

TEST(ReportsTerminal, ColourOnlyWhenAskedAndNeverOnTheSummaryLine) {
  std::string text = render(sample_report(), true);
  EXPECT_NE(text.find("\x1b[31mFAIL roundtrip\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[1;31mERROR forward\x1b[0m"), std::string::npos);
  EXPECT_EQ(lines_of(text).back(), "26 passed, 2 failed, 1 errors, 7 skipped");
}

TEST(ReportsTerminal, LongMigrationNamesAreCut) {
  Report report = sample_report();
  for (EngineRun& run : report.engines)
    for (Result& result : run.results)
      if (result.migration == "0002")
        result.name = "add_an_index_on_email_and_backfill_every_lowercased_address";
  std::string text = render(report, false);
  std::string row = line_starting(text, "0002 add_an_index");
  EXPECT_NE(row.find("0002 add_an_index_on_email_and_back… "), std::string::npos) << row;
  EXPECT_EQ(cell(text, "0002 add_an_index", "sqlite"), "FAIL roundtrip");
  // The failure details keep the whole name.
  EXPECT_NE(text.find("every_lowercased_address / roundtrip"), std::string::npos);
}

TEST(ReportsTerminal, EngineSpecificMigrationsKeepRunOrder) {
  Report report = sample_report();
  Result only_sqlite = report.engines[2].results[4];
  only_sqlite.migration = "0002b";
  only_sqlite.name = "sqlite_rebuild";
  only_sqlite.status = Status::pass;
  report.engines[2].results.insert(report.engines[2].results.begin() + 8, only_sqlite);
  std::string text = render(report, false);
  std::size_t a = text.find("\n0002 add_email_index");
  std::size_t b = text.find("\n0002b sqlite_rebuild");
  std::size_t c = text.find("\n0003 orders");
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(cell(text, "0002b sqlite_rebuild", "postgres"), "-");
  EXPECT_EQ(cell(text, "0002b sqlite_rebuild", "sqlite"), "ok");
}

TEST(ReportsTerminal, LongDiffsAreCappedWithACount) {
  Report report = sample_report();
  nlohmann::json& diff = report.engines[0].results[6].diff;
  for (int i = 0; i < 25; ++i) diff.push_back(diff[0]);
  std::string text = render(report, false);
  EXPECT_NE(text.find("      … and 6 more changes (the JSON report has them all)\n"),
            std::string::npos)
      << text;
}

TEST(ReportsTerminal, QuietPrintsOnlyTheSummaryLine) {
  std::ostringstream out;
  print_terminal_report(sample_report(), out, true, /*quiet=*/true);
  EXPECT_EQ(out.str(), "26 passed, 2 failed, 1 errors, 7 skipped\n");
}

TEST(ReportsTerminal, EmptyReport) {
  std::string text = render(Report{}, false);
  EXPECT_NE(text.find("no migrations ran\n"), std::string::npos);
  EXPECT_EQ(lines_of(text).back(), "0 passed, 0 failed, 0 errors, 0 skipped");
}

}  // namespace
}  // namespace crucible
