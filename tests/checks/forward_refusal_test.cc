// The data check's judgement of a forward refused by the generated rows, on the engines' own
// messages: only a forward no table with rows can take is the migration's fault.
#include "harness/checks/forward_refusal.h"

#include <gtest/gtest.h>

namespace crucible {
namespace {

ForwardRefusal classify(const std::string& sqlstate, const std::string& message,
                        const std::string& statement = "", Dialect dialect = Dialect::postgres) {
  return classify_forward_refusal(StatementError{message, sqlstate, {}, statement}, dialect);
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

// kratos's create_profile_request_forms copies rows without their NOT NULL created_at.
TEST(ForwardRefusal, RowsCopiedWithoutANotNullColumnFailEveryTableWithRows) {
  const char* pg = "ERROR:  null value in column \"created_at\" of relation \"methods\" violates "
                   "not-null constraint";
  EXPECT_EQ(classify("23502", pg, "INSERT INTO methods (id, method) SELECT id, 'traits' FROM r"),
            ForwardRefusal::every_row);
  EXPECT_EQ(classify("23502", pg, "insert into public.\"methods\" as m (\"id\") select id from r"),
            ForwardRefusal::every_row);
  EXPECT_EQ(classify("", "NOT NULL constraint failed: _t_tmp.type_id",
                     "INSERT INTO \"_t_tmp\" (id, name) SELECT id, name FROM t", Dialect::sqlite),
            ForwardRefusal::every_row);
  // Named in the list, or no list at all: the value came from the rows, which may hold a NULL.
  EXPECT_EQ(classify("23502", pg, "INSERT INTO methods (id, created_at) SELECT id, c FROM r"),
            ForwardRefusal::values);
  EXPECT_EQ(classify("23502", pg, "INSERT INTO methods SELECT * FROM r WHERE (r.ok)"),
            ForwardRefusal::values);
  EXPECT_EQ(classify("23502", pg, "UPDATE methods SET created_at = r.c FROM r"),
            ForwardRefusal::values);
  EXPECT_EQ(classify("", "NOT NULL constraint failed: _t_tmp.type_id",
                     "INSERT INTO _t_tmp (id, type_id) SELECT id, type_id FROM t", Dialect::sqlite),
            ForwardRefusal::values);
}

// SQLite bounds no name's length, and its message carries the table's and the column's: read
// with backtracking, names of 100 KB overflowed the stack.
TEST(ForwardRefusal, NamesOfAnyLengthAreRead) {
  const std::string table(100'000, 't'), column(100'000, 'c');
  EXPECT_EQ(classify("", "NOT NULL constraint failed: " + table + "." + column,
                     "INSERT INTO " + table + " (id) SELECT id FROM r", Dialect::sqlite),
            ForwardRefusal::every_row);
}

TEST(ForwardRefusal, NullsInAColumnTheStatementDoesNotAddDependOnTheRows) {
  EXPECT_EQ(classify("23502", kNulls, "ALTER TABLE items ALTER COLUMN user_id SET NOT NULL"),
            ForwardRefusal::values);
  // Renamed or added earlier, then backfilled: crates.io's tidy_up_version_owner_actions.
  EXPECT_EQ(classify("23502", kNulls, "ALTER TABLE items ADD COLUMN other INT, "
                                      "ALTER COLUMN user_id SET NOT NULL"),
            ForwardRefusal::values);
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
