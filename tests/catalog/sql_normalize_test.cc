#include <gtest/gtest.h>

#include "harness/catalog/sql_normalize.h"

namespace crucible::catalog {
namespace {

std::string sqlite(const std::string& text) { return normalize_sql(text, Dialect::sqlite); }

TEST(SqlNormalize, FormattingAndKeywordCaseDoNotCount) {
  EXPECT_EQ(sqlite("price  >   0 AND qty>=1"), sqlite("PRICE > 0\n  and QTY >= 1"));
  EXPECT_EQ(sqlite("lower( email )"), "lower(email)");
}

TEST(SqlNormalize, CommentsDoNotCount) {
  EXPECT_EQ(sqlite("a > 0 -- must be positive\n"), sqlite("/* positive */ a > 0"));
}

TEST(SqlNormalize, IdentifierQuotingDoesNotCountInSqlite) {
  // SQLite rewrites renamed columns as "name" inside CREATE text.
  EXPECT_EQ(sqlite("\"Email\" <> ''"), sqlite("email <> ''"));
  EXPECT_EQ(sqlite("[email] <> ''"), sqlite("`email` <> ''"));
}

TEST(SqlNormalize, LiteralsAndOperatorsCount) {
  EXPECT_NE(sqlite("status = 'Active'"), sqlite("status = 'active'"));
  EXPECT_NE(sqlite("a > 0"), sqlite("a >= 0"));
  EXPECT_NE(sqlite("a - b"), sqlite("b - a"));
}

TEST(SqlNormalize, OuterParenthesesDoNotCountButInnerOnesDo) {
  EXPECT_EQ(sqlite("((a > 0))"), sqlite("a > 0"));
  EXPECT_EQ(sqlite("(a > 0) AND (b > 0)"), "(a > 0) and(b > 0)");
  EXPECT_NE(sqlite("(a + b) * c"), sqlite("a + b * c"));
}

TEST(SqlNormalize, PostgresQuotedMixedCaseIdentifiersStayDistinct) {
  NormalizeOptions keep{.fold_identifiers = false};
  EXPECT_EQ(normalize_sql("\"name\"", Dialect::postgres, keep), "name");
  EXPECT_EQ(normalize_sql("\"Name\"", Dialect::postgres, keep), "\"Name\"");
}

}  // namespace
}  // namespace crucible::catalog
