// The data check's judgement of a forward refused by the generated rows, on the engines' own
// messages: only a forward no table with rows can take is the migration's fault.
#include "harness/checks/forward_refusal.h"

#include <gtest/gtest.h>

namespace crucible {
namespace {

ForwardRefusal classify(const std::string& sqlstate, const std::string& message,
                        const std::string& statement = "") {
  return classify_forward_refusal(StatementError{message, sqlstate, {}, statement});
}

const char* kNulls = "ERROR:  column \"user_id\" of relation \"items\" contains null values";

TEST(ForwardRefusal, ANotNullColumnAddedWithoutADefaultFailsEveryTableWithRows) {
  EXPECT_EQ(classify("23502", kNulls, "ALTER TABLE items ADD COLUMN user_id INT NOT NULL"),
            ForwardRefusal::every_row);
  EXPECT_EQ(classify("23502", kNulls, "alter table items add user_id int not null"),
            ForwardRefusal::every_row);
  EXPECT_EQ(classify("23502", kNulls,
                     "ALTER TABLE items ADD COLUMN IF NOT EXISTS \"user_id\" INT NOT NULL"),
            ForwardRefusal::every_row);
  EXPECT_EQ(classify("23502", kNulls,
                     "ALTER TABLE items ADD COLUMN note TEXT, ADD COLUMN /* who */ user_id INT "
                     "NOT NULL"),
            ForwardRefusal::every_row);
  EXPECT_EQ(classify("", "Cannot add a NOT NULL column with default value NULL"),
            ForwardRefusal::every_row);
}

TEST(ForwardRefusal, NullsInAColumnTheStatementDoesNotAddDependOnTheRows) {
  EXPECT_EQ(classify("23502", kNulls, "ALTER TABLE items ALTER COLUMN user_id SET NOT NULL"),
            ForwardRefusal::values);
  // Renamed or added earlier, then backfilled: crates.io's tidy_up_version_owner_actions.
  EXPECT_EQ(classify("23502", kNulls, "ALTER TABLE items ADD COLUMN other INT, "
                                      "ALTER COLUMN user_id SET NOT NULL"),
            ForwardRefusal::values);
  EXPECT_EQ(classify("23502", kNulls, "ALTER TABLE items ADD COLUMN \"User_id\" INT NOT NULL"),
            ForwardRefusal::values);  // another column: quoted names keep their case
  EXPECT_EQ(classify("23502", kNulls, "ALTER TABLE items ADD PRIMARY KEY (user_id)"),
            ForwardRefusal::values);
  EXPECT_EQ(classify("", "NOT NULL constraint failed: items_new.note"), ForwardRefusal::values);
}

TEST(ForwardRefusal, NarrowedAndConvertedTypesDependOnTheRows) {
  EXPECT_EQ(classify("22001", "value too long for type character varying(5)"),
            ForwardRefusal::values);
  EXPECT_EQ(classify("22P02", "invalid input syntax for type bytea"), ForwardRefusal::values);
  EXPECT_EQ(classify("01000", "Data truncated for column 'name' at row 1"),
            ForwardRefusal::values);
}

TEST(ForwardRefusal, AConstraintTheForwardAddsIsAnotherKind) {
  EXPECT_EQ(classify("23514", "check constraint \"qty_max\" of relation \"items\" is violated by "
                              "some row"),
            ForwardRefusal::other);
  EXPECT_EQ(classify("23505", "could not create unique index \"u\""), ForwardRefusal::other);
}

}  // namespace
}  // namespace crucible
