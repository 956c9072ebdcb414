// The HTML report's text, checked without a browser; browser_test.cc renders it in Chromium.
#include "reports/html_report.h"

#include <regex>

#include <gtest/gtest.h>

#include "tests/support/sample_report.h"

namespace crucible {
namespace {

using testing::sample_report;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, IsSelfContained) {
  std::string html = html_report(sample_report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // Nothing is fetched: no external scripts, styles, images or fonts.
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*["']?(https?:|//))")));
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);  // and the CSP forbids it
}

TEST(HtmlReport, HasOneCellPerMigrationAndEngine) {
  std::string html = html_report(sample_report());
  EXPECT_EQ(count(html, "<td class=\"cell "), 3u * 4u);  // 3 migrations × 4 engines
  EXPECT_NE(html.find("<td class=\"cell fail\" data-engine-col=\"postgres\" data-status=\"fail\" "
                      "title=\"forward: pass\nreverse: pass\nroundtrip: fail — index users_email_idx "
                      "present after reverse\nreapply: pass\">"), std::string::npos);
  EXPECT_NE(html.find("title=\"forward: skip — no script for sqlite (only postgres, mariadb)"),
            std::string::npos);
}

TEST(HtmlReport, ShowsTheDiffSideBySide) {
  std::string html = html_report(sample_report());
  // The column that became nullable: both sides listed, the changed field marked on both.
  EXPECT_NE(html.find("<td>column users.email</td><td>changed</td><td class=\"before\">"),
            std::string::npos);
  EXPECT_EQ(count(html, "<span class=\"changed\">nullable: "), 2u);
  EXPECT_NE(html.find("<span class=\"changed\">nullable: false</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"changed\">nullable: true</span>"), std::string::npos);
}

TEST(HtmlReport, ShowsTheEngineErrorWithFileAndLine) {
  std::string html = html_report(sample_report());
  EXPECT_NE(html.find("SQLSTATE <code>42S01</code>, at <code>0003_orders.up.sql:12</code>"),
            std::string::npos);
  EXPECT_NE(html.find("<pre class=\"statement\">CREATE TABLE orders ("), std::string::npos);
}

TEST(HtmlReport, EscapesEverythingFromMigrationsAndEngines) {
  Report report = sample_report();
  Result& error = report.engines[1].results[8];
  error.message = "<script>alert('m')</script>";
  error.statement = "SELECT '\"><img src=x onerror=alert(1)>'";
  error.sqlstate = "<blink>";
  report.engines[1].notes.push_back("</td><script>x()</script>");
  report.source = "<i>folder</i>";
  report.engines[0].results[6].diff[0]["object"] = "index <u>x</u>";
  std::string html = html_report(report);
  EXPECT_EQ(count(html, "<script>"), 1u);  // the report's own script only
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<blink>"), std::string::npos);
  EXPECT_EQ(html.find("<u>"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;"), std::string::npos);
}

TEST(HtmlReport, ShowsRunMetadataAndWhatWasNotVerified) {
  std::string html = html_report(sample_report());
  EXPECT_NE(html.find("postgresql://crucible:***@127.0.0.1:5432/postgres"), std::string::npos);
  EXPECT_NE(html.find("<li>0003 ran outside a transaction (non-atomic)</li>"), std::string::npos);
  EXPECT_NE(html.find("<b>could not run</b>: cannot connect to 127.0.0.1:3307"), std::string::npos);
  EXPECT_NE(html.find("<b>Not verified in this run:</b> mysql, db2."), std::string::npos);
  EXPECT_EQ(html.find(testing::kSamplePassword), std::string::npos);
}

TEST(HtmlReport, ChartsTimingsPerMigrationAndEngine) {
  std::string html = html_report(sample_report());
  EXPECT_NE(html.find("<svg id=\"timings\""), std::string::npos);
  // postgres 0002: 8 + 2 + 12.4 + 9 ms.
  EXPECT_NE(html.find("<title>0002 add_email_index on postgres: 31.4 ms</title>"), std::string::npos);
}

TEST(HtmlReport, MarksAllowedResults) {
  reports::ReportContext context;
  context.allowed[{"postgres", "0002", "roundtrip"}] = "index kept <on purpose>";
  std::string html = html_report(sample_report(), context);
  EXPECT_NE(html.find("<span class=\"allowed\">allowed</span>"), std::string::npos);
  EXPECT_NE(html.find("<b>Allowed</b> by the allow-list: index kept &lt;on purpose&gt;"),
            std::string::npos);
}

}  // namespace
}  // namespace crucible
