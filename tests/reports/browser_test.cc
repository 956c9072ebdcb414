// The HTML report rendered for real: headless Chromium (Debian's `chromium`) loads the file a
// `crucible verify` run wrote, runs its script, and must show the matrix and a catalog diff.
// Skipped when Chromium is not installed — except under CI=true, where that fails.
#include <unistd.h>

#include <cstdlib>
#include <regex>

#include <gtest/gtest.h>

#include "tests/support/crucible_binary.h"
#include "tests/support/spawn.h"

namespace crucible {
namespace {

using testing::read_file;

std::string find_chromium() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (::access(path, X_OK) == 0) return path;
  return "";
}

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = find_chromium();
    if (chromium_.empty()) {
      const char* ci = std::getenv("CI");
      if (ci && std::string(ci) == "true") FAIL() << "chromium is not installed (CI=true)";
      GTEST_SKIP() << "chromium is not installed";
    }
    ASSERT_EQ(testing::run_crucible({"verify", testing::mixed_fixture(), "-q", "--html",
                                     dir_ / "report.html"}, dir_ / "crucible.log"), 1)
        << read_file(dir_ / "crucible.log");
  }

  // Runs Chromium headless on the report with `mode` ("--dump-dom" or "--screenshot=…"), with a
  // fresh profile and nothing that reaches the network. Returns what it printed on stdout.
  std::string chromium(const std::string& mode, const std::string& log,
                       const std::string& hash = "") {
    testing::TempFolder profile;
    std::vector<std::string> argv{
        chromium_, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.path(), "--window-size=1400,1000", mode,
        "file://" + dir_ / "report.html" + hash};
    int rc = scenario::run_logged(argv, log);
    EXPECT_EQ(rc, 0) << read_file(log);
    return read_file(log);
  }

  std::string chromium_;
  testing::TempFolder dir_;
};

TEST_F(Browser, RendersTheMatrixAndADiffAfterScriptsRan) {
  std::string dom = chromium("--dump-dom", dir_ / "dom.html");
  // The script ran: it marks the document and counts the rows it shows.
  EXPECT_NE(dom.find("data-filters=\"ready\""), std::string::npos);
  EXPECT_NE(dom.find("6 of 6 migrations shown"), std::string::npos);
  // The matrix: a row per migration, a verdict per cell.
  std::size_t cells = 0;
  for (std::size_t at = dom.find("<td class=\"cell "); at != std::string::npos;
       at = dom.find("<td class=\"cell ", at + 1))
    ++cells;
  EXPECT_EQ(cells, 6u);  // 6 migrations × sqlite
  EXPECT_NE(dom.find(">ERROR reverse</a>"), std::string::npos);
  EXPECT_NE(dom.find(">FAIL reverse +1</a>"), std::string::npos);
  // A diff row, before and after side by side.
  std::regex diff_row(R"(<tr class="diff-row"[^>]*><td>index users_email_idx on users</td><td>added</td><td class="before"><span class="muted">\(absent\)</span></td><td class="after">keys: \["email"\])");
  EXPECT_TRUE(std::regex_search(dom, diff_row)) << dom;
  // The markup in the failing statement stays text.
  EXPECT_NE(dom.find("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"),
            std::string::npos);
  EXPECT_EQ(dom.find("<b>bold</b>"), std::string::npos);
}

TEST_F(Browser, FiltersByStatusAndEngine) {
  // Errors only: 0002 (reapply), 0003 (reverse), 0006 (forward); the failure boxes follow.
  std::string dom = chromium("--dump-dom", dir_ / "errors.html", "#status=error");
  EXPECT_NE(dom.find("3 of 6 migrations shown"), std::string::npos);
  EXPECT_NE(dom.find("<div class=\"failure hidden\" id=\"r-0-0002-roundtrip\""), std::string::npos);
  EXPECT_NE(dom.find("<div class=\"failure\" id=\"r-0-0002-reapply\""), std::string::npos);
  // No engine selected: nothing to show.
  dom = chromium("--dump-dom", dir_ / "none.html", "#engine=none");
  EXPECT_NE(dom.find("0 of 6 migrations shown"), std::string::npos);
  EXPECT_NE(dom.find("<th data-engine-col=\"sqlite\" class=\"hidden\">"), std::string::npos);
}

TEST_F(Browser, TakesAScreenshot) {
  std::string png = dir_ / "report.png";
  chromium("--screenshot=" + png, dir_ / "shot.log");
  std::string bytes = read_file(png);
  ASSERT_GT(bytes.size(), 20000u) << "a blank page compresses to a few kB";
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  if (const char* keep = std::getenv("CRUCIBLE_KEEP_SCREENSHOT"))
    std::filesystem::copy_file(png, keep, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace
}  // namespace crucible
