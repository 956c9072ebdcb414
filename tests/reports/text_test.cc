#include "reports/text.h"

#include <gtest/gtest.h>

#include "reports/diff_words.h"

namespace crucible::reports {
namespace {

using nlohmann::json;

constexpr const char* kFffd = "\xEF\xBF\xBD";

TEST(ReportsCleanText, KeepsValidUtf8NewlinesAndTabs) {
  EXPECT_EQ(clean_text("héllo → 世界 🙂\n\tend"), "héllo → 世界 🙂\n\tend");
}

TEST(ReportsCleanText, ReplacesControlCharactersAndInvalidBytes) {
  EXPECT_EQ(clean_text(std::string("a\0b", 3)), std::string("a") + kFffd + "b");
  EXPECT_EQ(clean_text("\x1b[1m"), std::string(kFffd) + "[1m");
  EXPECT_EQ(clean_text("x\x7fy"), std::string("x") + kFffd + "y");
  EXPECT_EQ(clean_text("\xC2\x9B"), kFffd);        // C1 CSI
  EXPECT_EQ(clean_text("\xEF\xBF\xBF"), kFffd);    // U+FFFF
  EXPECT_EQ(clean_text("\xC0\xAF"), std::string(kFffd) + kFffd);  // overlong '/'
  EXPECT_EQ(clean_text("\xED\xA0\x80"), std::string(kFffd) + kFffd + kFffd);  // surrogate
  EXPECT_EQ(clean_text("\xE2\x82"), std::string(kFffd) + kFffd);  // cut sequence
  EXPECT_EQ(clean_text("caf\xE9!"), std::string("caf") + kFffd + "!");
}

TEST(ReportsCleanText, CarriageReturnsBecomeNewlines) {
  EXPECT_EQ(clean_text("a\r\nb\rc"), "a\nb\nc");
}

TEST(ReportsOneLine, CollapsesWhitespace) {
  EXPECT_EQ(one_line("  CREATE TABLE t (\n\tid INT\n)  "), "CREATE TABLE t ( id INT )");
  EXPECT_EQ(one_line(""), "");
}

TEST(ReportsTruncate, CountsCodePointsAndMarksTheCut) {
  EXPECT_EQ(truncate("abcdef", 6), "abcdef");
  EXPECT_EQ(truncate("abcdefg", 6), "abcde…");
  EXPECT_EQ(truncate("ééééééé", 4), "ééé…");
  EXPECT_EQ(display_width(truncate("ééééééé", 4)), 4u);
  EXPECT_EQ(truncate("abc", 0), "");
  EXPECT_EQ(pad_right("é", 3), "é  ");
  EXPECT_EQ(pad_right("abcd", 3), "abcd");
}

TEST(ReportsDiffWords, AddedAndRemovedListWhatSaysSomething) {
  json index = {{"name", "users_email_idx"}, {"table", "users"}, {"keys", {"lower(email)", "id"}},
                {"unique", true}, {"predicate", ""}};
  EXPECT_EQ(describe_change({{"object", "index users_email_idx"}, {"change", "added"},
                             {"before", nullptr}, {"after", index}}),
            "index users_email_idx: added (keys [lower(email), id], table users, unique true)");
  EXPECT_EQ(describe_change({{"object", "index users_email_idx"}, {"change", "removed"},
                             {"before", index}, {"after", nullptr}}),
            "index users_email_idx: removed (keys [lower(email), id], table users, unique true)");
}

TEST(ReportsDiffWords, ChangedListsOnlyTheMembersThatDiffer) {
  json before = {{"name", "email"}, {"type", "text"}, {"nullable", false}, {"default_value", nullptr}};
  json after = before;
  after["nullable"] = true;
  after["type"] = "character varying(80)";
  after["default_value"] = "''::text";
  after["comment"] = "";
  EXPECT_EQ(describe_change({{"object", "column users.email"}, {"change", "changed"},
                             {"before", before}, {"after", after}}),
            "column users.email: changed default_value none → ''::text; nullable false → true; "
            "type text → character varying(80); comment none → \"\"");
}

TEST(ReportsDiffWords, LongValuesAreCut) {
  std::string definition(200, 'x');
  std::string words = describe_change({{"object", "view v"}, {"change", "changed"},
                                       {"before", {{"definition", definition}}},
                                       {"after", {{"definition", "y"}}}});
  EXPECT_LT(words.size(), 100u);
  EXPECT_NE(words.find("…"), std::string::npos);
}

TEST(ReportsDiffWords, AnythingElseIsShownNotDropped) {
  EXPECT_EQ(describe_change({{"object", "table t"}, {"change", "renamed"}, {"before", "a"},
                             {"after", "b"}}),
            "table t: renamed before a, after b");
  EXPECT_EQ(describe_change(json{1, 2}), "[1,2]");
  EXPECT_EQ(describe_diff(json::array()), std::vector<std::string>{});
  EXPECT_EQ(describe_diff(nullptr), std::vector<std::string>{});
  EXPECT_EQ(describe_diff("text").size(), 1u);
  EXPECT_EQ(describe_diff(json::array({json::object(), json::object()})).size(), 2u);
}

TEST(ReportsDiffWords, ControlCharactersInNamesAreCleaned) {
  EXPECT_EQ(describe_change({{"object", "table \x1b[2Jt"}, {"change", "added"}, {"after", nullptr}}),
            std::string("table ") + kFffd + "[2Jt: added");
}

}  // namespace
}  // namespace crucible::reports
