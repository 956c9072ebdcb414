// split_statements, per dialect: exact statement texts and the line each one starts on.
#include "harness/sql/splitter.h"

#include <gtest/gtest.h>

#include <utility>

#include "harness/common/error.h"
#include "harness/sql/lexer.h"

namespace crucible::sql {
namespace {

using Split = std::vector<std::pair<std::string, int>>;  // statement text, line

Split split(std::string_view text, Dialect dialect, int first_line = 1) {
  Split out;
  for (const Statement& statement : split_statements(text, dialect, "f.sql", first_line))
    out.emplace_back(statement.sql, statement.where.line);
  return out;
}

const Dialect kAllDialects[] = {Dialect::sqlite, Dialect::postgres, Dialect::mysql, Dialect::db2};

// What a statement says, for code that reads a few of its words: no blanks, no comments, with
// literals and quoted names whole.
TEST(SignificantTokens, LeaveOutWhitespaceAndComments) {
  std::vector<std::string_view> texts;
  for (const Token& token : significant_tokens(
           "ALTER /* why */ TABLE \"t x\"\n  -- note\n  ADD c TEXT DEFAULT 'a -- b';",
           Dialect::postgres))
    texts.push_back(token.text);
  EXPECT_EQ(texts, (std::vector<std::string_view>{"ALTER", "TABLE", "\"t x\"", "ADD", "c", "TEXT",
                                                   "DEFAULT", "'a -- b'", ";"}));
  EXPECT_TRUE(significant_tokens(" -- only a comment\n", Dialect::sqlite).empty());
}

// The loaders' test for a script's own transaction control (a sqitch verify's BEGIN … ROLLBACK,
// a wrapper a folder's file adds): whole statements only, word for word.
TEST(IsPhrase, MatchesWholeStatementsWordForWordIgnoringCaseAndComments) {
  auto begins = [](std::string_view text, Dialect dialect) {
    return is_phrase(text, dialect, {{"BEGIN"}, {"BEGIN", "WORK"}});
  };
  EXPECT_TRUE(begins("begin /* why */ Work", Dialect::postgres));
  EXPECT_TRUE(begins("-- note\nBEGIN", Dialect::sqlite));
  EXPECT_FALSE(begins("BEGIN WORK NOW", Dialect::postgres));
  EXPECT_FALSE(begins("BEGIN 'WORK'", Dialect::postgres));
  EXPECT_FALSE(begins("", Dialect::postgres));
}

// A script run inside a caller's transaction (verify's round trip, the data check) is refused
// before it runs when one of its statements would end that transaction; a savepoint's rollback
// would not, in any of its spellings.
TEST(EndsTransaction, CommitEndRollbackAbortButNotToASavepointNorPrepared) {
  for (Dialect dialect : kAllDialects) {
    for (const char* ends : {"COMMIT", "commit work;", "END TRANSACTION", "ROLLBACK", "rollback;",
                             "ABORT", "COMMIT AND CHAIN", "/* done */ COMMIT"})
      EXPECT_TRUE(ends_transaction(ends, dialect)) << ends;
    for (const char* stays : {"ROLLBACK TO s1", "ROLLBACK TO SAVEPOINT s1",
                              "rollback transaction to savepoint s1", "ROLLBACK WORK TO s1",
                              "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'", "RELEASE s1",
                              "SELECT 'COMMIT'", "-- COMMIT\nSELECT 1", ""})
      EXPECT_FALSE(ends_transaction(stays, dialect)) << stays;
  }
}

TEST(Splitter, SplitsOnSemicolonsInEveryDialect) {
  for (Dialect dialect : kAllDialects)
    EXPECT_EQ(split("CREATE TABLE a (x INT);\n  CREATE TABLE b (y INT) ;\n", dialect),
              (Split{{"CREATE TABLE a (x INT)", 1}, {"CREATE TABLE b (y INT)", 2}}));
}

TEST(Splitter, KeepsTheFileAndOffsetsLinesByTheFirstLine) {
  std::vector<Statement> statements =
      split_statements("\n\nSELECT 1;\nSELECT\n2;", Dialect::sqlite, "dir/x.sql", 10);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].where, (SourceLocation{"dir/x.sql", 12}));
  EXPECT_EQ(statements[1].where, (SourceLocation{"dir/x.sql", 13}));
  EXPECT_EQ(statements[1].sql, "SELECT\n2");
}

TEST(Splitter, NeverSplitsInsideStringsWithDoubledQuotes) {
  for (Dialect dialect : kAllDialects)
    EXPECT_EQ(split("INSERT INTO t VALUES ('a;b', 'it''s; fine');\nSELECT ';'", dialect),
              (Split{{"INSERT INTO t VALUES ('a;b', 'it''s; fine')", 1}, {"SELECT ';'", 2}}));
}

TEST(Splitter, NeverSplitsInsideQuotedIdentifiers) {
  EXPECT_EQ(split("CREATE TABLE \"we;ird\"\"x;\" (a INT);\nSELECT 1;", Dialect::postgres),
            (Split{{"CREATE TABLE \"we;ird\"\"x;\" (a INT)", 1}, {"SELECT 1", 2}}));
  EXPECT_EQ(split("CREATE TABLE `we;ird``x;` (a INT);\nSELECT 1;", Dialect::mysql),
            (Split{{"CREATE TABLE `we;ird``x;` (a INT)", 1}, {"SELECT 1", 2}}));
  EXPECT_EQ(split("CREATE TABLE [we;ird] (a INT);\nSELECT 1;", Dialect::sqlite),
            (Split{{"CREATE TABLE [we;ird] (a INT)", 1}, {"SELECT 1", 2}}));
}

TEST(Splitter, MysqlStringsHaveBackslashEscapes) {
  std::string_view text = R"(INSERT INTO t VALUES ('it\'s; ok', "say \"hi;\"", 'a\\');
SELECT 2;)";
  EXPECT_EQ(
      split(text, Dialect::mysql),
      (Split{{R"(INSERT INTO t VALUES ('it\'s; ok', "say \"hi;\"", 'a\\'))", 1}, {"SELECT 2", 2}}));
}

TEST(Splitter, PostgresHasBackslashEscapesOnlyInEStrings) {
  EXPECT_EQ(split(R"(SELECT E'it\'s; ok';SELECT 'a\';SELECT 2;)", Dialect::postgres),
            (Split{{R"(SELECT E'it\'s; ok')", 1}, {R"(SELECT 'a\')", 1}, {"SELECT 2", 1}}));
}

TEST(Splitter, CommentsAreNotStatementsAndDoNotStartThem) {
  std::string_view text =
      "-- header; with a semicolon\n"
      "SELECT 1; /* between; */ SELECT /* inside; */ 2;\n"
      "# hash comment; in MySQL\n"
      "SELECT 3;\n";
  EXPECT_EQ(split(text, Dialect::mysql),
            (Split{{"SELECT 1", 2}, {"SELECT /* inside; */ 2", 2}, {"SELECT 3", 4}}));
}

TEST(Splitter, MysqlDashDashNeedsASpaceToBeAComment) {
  EXPECT_EQ(split("SELECT 5--1;SELECT 2", Dialect::mysql),
            (Split{{"SELECT 5--1", 1}, {"SELECT 2", 1}}));
  EXPECT_EQ(split("SELECT 5--1;SELECT 2\n;SELECT 3", Dialect::postgres),
            (Split{{"SELECT 5", 1}, {"SELECT 3", 2}}));
}

TEST(Splitter, PostgresBlockCommentsNest) {
  std::string_view text = "/* outer /* inner; */ still a comment; */ SELECT 1;";
  EXPECT_EQ(split(text, Dialect::postgres), (Split{{"SELECT 1", 1}}));
  // SQLite ends a block comment at the first */.
  EXPECT_EQ(split(text, Dialect::sqlite), (Split{{"still a comment", 1}, {"*/ SELECT 1", 1}}));
}

TEST(Splitter, PostgresDollarQuotedBodiesHoldSemicolons) {
  std::string_view text =
      "CREATE FUNCTION f() RETURNS int AS $$\n"
      "BEGIN\n"
      "  RETURN 1; -- ;\n"
      "END;\n"
      "$$ LANGUAGE plpgsql;\n"
      "CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'x$$;'; $body$ LANGUAGE sql;\n"
      "PREPARE p(int) AS SELECT $1;EXECUTE p(1);\n";
  EXPECT_EQ(
      split(text, Dialect::postgres),
      (Split{{"CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1; -- ;\nEND;\n$$ "
              "LANGUAGE plpgsql",
              1},
             {"CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'x$$;'; $body$ LANGUAGE sql", 6},
             {"PREPARE p(int) AS SELECT $1", 7},
             {"EXECUTE p(1)", 7}}));
}

TEST(Splitter, PostgresBeginAtomicBodies) {
  std::string_view text =
      "CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  SELECT CASE WHEN x IS NULL THEN 0 ELSE x + 1 END;\n"
      "END;\n"
      "CREATE OR REPLACE PROCEDURE ins(v int) LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  INSERT INTO t VALUES (v);\n"
      "  INSERT INTO t VALUES (v + 1);\n"
      "END;\n"
      "BEGIN;\n"
      "COMMIT;\n";
  EXPECT_EQ(split(text, Dialect::postgres),
            (Split{{"CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  "
                    "SELECT CASE WHEN x IS NULL THEN 0 ELSE x + 1 END;\nEND",
                    1},
                   {"CREATE OR REPLACE PROCEDURE ins(v int) LANGUAGE sql\nBEGIN ATOMIC\n  INSERT "
                    "INTO t VALUES (v);\n  INSERT INTO t VALUES (v + 1);\nEND",
                    5},
                   {"BEGIN", 10},
                   {"COMMIT", 11}}));
}

TEST(Splitter, PostgresNeverSplitsInsideParentheses) {
  std::string_view text =
      "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES "
      "(2));\nSELECT 1;";
  EXPECT_EQ(split(text, Dialect::postgres),
            (Split{{"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT "
                    "INTO b VALUES (2))",
                    1},
                   {"SELECT 1", 2}}));
}

TEST(Splitter, SqliteTriggerBodyWithCaseEnd) {
  std::string_view text =
      "CREATE TABLE t (a INTEGER, b TEXT);\n"
      "CREATE TEMP TRIGGER IF NOT EXISTS t_ai AFTER INSERT ON t\n"
      "WHEN CASE WHEN NEW.a IS NULL THEN 0 ELSE 1 END\n"
      "BEGIN\n"
      "  UPDATE t SET b = CASE WHEN NEW.a > 0 THEN 'pos' ELSE 'neg' END WHERE rowid = "
      "NEW.rowid;\n"
      "  SELECT CASE WHEN NEW.a = 42 THEN RAISE(ABORT, 'no; 42') END;\n"
      "END;\n"
      "BEGIN;\n"
      "INSERT INTO t VALUES (1, 'x');\n"
      "COMMIT;\n";
  Split statements = split(text, Dialect::sqlite);
  ASSERT_EQ(statements.size(), 5u);
  EXPECT_EQ(statements[1].second, 2);
  EXPECT_TRUE(statements[1].first.starts_with("CREATE TEMP TRIGGER")) << statements[1].first;
  EXPECT_TRUE(statements[1].first.ends_with("RAISE(ABORT, 'no; 42') END;\nEND"))
      << statements[1].first;
  EXPECT_EQ(statements[2], (std::pair<std::string, int>{"BEGIN", 8}));
  EXPECT_EQ(statements[3], (std::pair<std::string, int>{"INSERT INTO t VALUES (1, 'x')", 9}));
  EXPECT_EQ(statements[4], (std::pair<std::string, int>{"COMMIT", 10}));
}

TEST(Splitter, TopLevelBeginAndCommitAreStatementsInEveryDialect) {
  for (Dialect dialect : kAllDialects) {
    EXPECT_EQ(split("BEGIN;\nCREATE TABLE a (x INT);\nCOMMIT;", dialect),
              (Split{{"BEGIN", 1}, {"CREATE TABLE a (x INT)", 2}, {"COMMIT", 3}}));
    EXPECT_EQ(split("BEGIN TRANSACTION;\nSELECT 1;\nEND TRANSACTION;", dialect),
              (Split{{"BEGIN TRANSACTION", 1}, {"SELECT 1", 2}, {"END TRANSACTION", 3}}));
  }
}

// The body of a trigger or routine as MySQL's connectors send it: one statement, no DELIMITER.
TEST(Splitter, MysqlCompoundStatementsWithoutDelimiter) {
  std::string_view trigger =
      "CREATE DEFINER=`root`@`localhost` TRIGGER trg BEFORE INSERT ON t FOR EACH ROW\n"
      "BEGIN\n"
      "  DECLARE n INT DEFAULT 0;\n"
      "  IF NEW.a < 0 THEN\n"
      "    SET NEW.a = 0;\n"
      "  ELSEIF NEW.a > 100 THEN\n"
      "    SET NEW.a = 100;\n"
      "  END IF;\n"
      "  CASE NEW.b WHEN 'x' THEN SET NEW.c = 1; ELSE SET NEW.c = IF(NEW.a > 5, 2, 3); END CASE;\n"
      "  SET NEW.e = CASE WHEN NEW.a > 1 THEN 1 ELSE 0 END;\n"
      "  lbl: LOOP\n"
      "    SET n = n + 1;\n"
      "    IF n > 3 THEN LEAVE lbl; END IF;\n"
      "  END LOOP lbl;\n"
      "  WHILE n > 0 DO SET n = n - 1; END WHILE;\n"
      "  REPEAT SET NEW.d = REPEAT('x', 3); UNTIL TRUE END REPEAT;\n"
      "END";
  std::string text = std::string(trigger) +
                     ";\n"
                     "CREATE TRIGGER trg2 BEFORE UPDATE ON t FOR EACH ROW IF NEW.a < 0 THEN SET "
                     "NEW.a = 0; END IF;\n"
                     "CREATE TABLE IF NOT EXISTS u (id INT);\n"
                     "DROP TABLE IF EXISTS v;\n"
                     "BEGIN;\n"
                     "COMMIT;\n";
  EXPECT_EQ(split(text, Dialect::mysql),
            (Split{{std::string(trigger), 1},
                   {"CREATE TRIGGER trg2 BEFORE UPDATE ON t FOR EACH ROW IF NEW.a < 0 THEN SET "
                    "NEW.a = 0; END IF",
                    18},
                   {"CREATE TABLE IF NOT EXISTS u (id INT)", 19},
                   {"DROP TABLE IF EXISTS v", 20},
                   {"BEGIN", 21},
                   {"COMMIT", 22}}));
}

TEST(Splitter, MysqlRoutinesWithIfExistsAndIfFunctions) {
  std::string_view procedure =
      "CREATE PROCEDURE IF NOT EXISTS p(IN x INT)\n"
      "BEGIN\n"
      "  DROP TEMPORARY TABLE IF EXISTS tmp;\n"
      "  IF NOT EXISTS (SELECT 1 FROM t WHERE a = x) THEN\n"
      "    INSERT INTO t (a) VALUES (IF(x > 0, x, 0));\n"
      "  END IF;\n"
      "  SELECT CASE WHEN x > 0 THEN IF(x > 9, 'big', 'small') ELSE 'none' END;\n"
      "END";
  std::string_view function =
      "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN IF(x > 0, x, 0)";
  std::string_view event =
      "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END";
  std::string text = std::string(procedure) + ";\n" + std::string(function) + ";\n" +
                     std::string(event) + ";\nSELECT IF(1, 2, 3);";
  EXPECT_EQ(split(text, Dialect::mysql), (Split{{std::string(procedure), 1},
                                                {std::string(function), 9},
                                                {std::string(event), 10},
                                                {"SELECT IF(1, 2, 3)", 11}}));
}

TEST(Splitter, MariadbAnonymousBlock) {
  EXPECT_EQ(split("BEGIN NOT ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\nSELECT 3;", Dialect::mysql),
            (Split{{"BEGIN NOT ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND", 1}, {"SELECT 3", 5}}));
}

TEST(Splitter, MysqlDelimiterLinesChangeTheTerminator) {
  std::string_view text =
      "DROP PROCEDURE IF EXISTS p;\n"
      "DELIMITER $$\n"
      "CREATE PROCEDURE p(IN n INT)\n"
      "BEGIN\n"
      "  DECLARE i INT DEFAULT 0;\n"
      "  SELECT 'a;$$b'; -- $$ in a comment\n"
      "  WHILE i < n DO\n"
      "    SET i = i + 1;\n"
      "  END WHILE;\n"
      "END$$\n"
      "  delimiter ;\n"
      "CALL p(3);\n";
  EXPECT_EQ(split(text, Dialect::mysql),
            (Split{{"DROP PROCEDURE IF EXISTS p", 1},
                   {"CREATE PROCEDURE p(IN n INT)\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  SELECT "
                    "'a;$$b'; -- $$ in a comment\n  WHILE i < n DO\n    SET i = i + 1;\n  END "
                    "WHILE;\nEND",
                    3},
                   {"CALL p(3)", 12}}));
}

TEST(Splitter, MysqlDelimiterOfAnyString) {
  std::string_view text =
      "DELIMITER ;;\r\n"
      "CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END ;;\r\n"
      "SELECT 1; SELECT 2;;\r\n"
      "DELIMITER //\r\n"
      "SELECT '//' // SELECT 4 //\r\n"
      "DELIMITER ;\r\n"
      "SELECT 5;\r\n";
  EXPECT_EQ(split(text, Dialect::mysql),
            (Split{{"CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END", 2},
                   {"SELECT 1; SELECT 2", 3},
                   {"SELECT '//'", 5},
                   {"SELECT 4", 5},
                   {"SELECT 5", 7}}));
}

TEST(Splitter, MysqlDelimiterInsideAWord) {
  // `a$$SELECT` is one token; the delimiter still ends the statement inside it.
  EXPECT_EQ(split("DELIMITER $$\nSELECT a$$SELECT 2$$SELECT 3", Dialect::mysql),
            (Split{{"SELECT a", 2}, {"SELECT 2", 2}, {"SELECT 3", 2}}));
}

TEST(Splitter, DelimiterIsOnlyACommandAtTheStartOfAStatement) {
  // A column called `delimiter` at the start of a line is not the client command.
  EXPECT_EQ(split("CREATE TABLE t (\n  delimiter VARCHAR(10)\n);\nSELECT 1;", Dialect::mysql),
            (Split{{"CREATE TABLE t (\n  delimiter VARCHAR(10)\n)", 1}, {"SELECT 1", 4}}));
  // Other dialects have no DELIMITER command: in PostgreSQL `$$` opens a dollar quote.
  SplitScript postgres = split_script("DELIMITER $$\nSELECT 1;", Dialect::postgres, "f.sql");
  EXPECT_EQ(postgres.statements.size(), 1u);
  EXPECT_EQ(postgres.statements[0].sql, "DELIMITER $$\nSELECT 1;");
  ASSERT_TRUE(postgres.defect.has_value());
  EXPECT_EQ(postgres.defect->where.line, 1);
  EXPECT_EQ(split("DELIMITER $$\nSELECT 1;", Dialect::sqlite),
            (Split{{"DELIMITER $$\nSELECT 1", 1}}));
}

TEST(Splitter, DelimiterWithoutAnArgumentNamesFileAndLine) {
  try {
    split_statements("SELECT 1;\nDELIMITER   \nSELECT 2;", Dialect::mysql, "m/0001_p.up.sql", 1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "m/0001_p.up.sql:2: DELIMITER must be followed by the new delimiter");
  }
}

TEST(Splitter, MysqlVersionedCommentsAreStatements) {
  std::string_view text = "/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\nSELECT 1;";
  EXPECT_EQ(split(text, Dialect::mysql),
            (Split{{"/*!40101 SET NAMES utf8mb4 */", 1}, {"SELECT 1", 3}}));
  EXPECT_EQ(split(text, Dialect::postgres), (Split{{"SELECT 1", 3}}));
}

TEST(Splitter, Db2TriggerWithBeginAtomic) {
  std::string_view trigger =
      "CREATE TRIGGER t1 AFTER INSERT ON t REFERENCING NEW AS n FOR EACH ROW\n"
      "BEGIN ATOMIC\n"
      "  UPDATE c SET x = x + 1;\n"
      "  IF n.a > 0 THEN UPDATE c SET y = 1; END IF;\n"
      "END";
  EXPECT_EQ(split(std::string(trigger) + ";\nSELECT 1 FROM sysibm.sysdummy1;", Dialect::db2),
            (Split{{std::string(trigger), 1}, {"SELECT 1 FROM sysibm.sysdummy1", 6}}));
}

TEST(Splitter, LastStatementNeedsNoTerminator) {
  for (Dialect dialect : kAllDialects)
    EXPECT_EQ(split("SELECT 1;\nSELECT 2  \n-- trailing comment\n", dialect),
              (Split{{"SELECT 1", 1}, {"SELECT 2", 2}}));
}

TEST(Splitter, CommentOnlyAndEmptyInputHaveNoStatements) {
  for (Dialect dialect : kAllDialects) {
    EXPECT_EQ(split("", dialect), Split{});
    EXPECT_EQ(split("  \n\t\n", dialect), Split{});
    EXPECT_EQ(split("-- nothing here\n/* nor; here */\n;;\n ; \n", dialect), Split{});
  }
}

// Text that ends inside a token is a defect at the token's line, never a silent split: before,
// `/* never closed` swallowed every statement after it and the script passed.
struct Unterminated {
  Dialect dialect;
  std::string text;
  int line;              // where the unterminated token starts
  std::string message;   // part of what the defect says
};

TEST(Splitter, UnterminatedTokensAreDefectsAtTheirLine) {
  const Unterminated cases[] = {
      {Dialect::sqlite, "CREATE TABLE a(id int);\n/* never closed\nCREATE TABLE b(x int);", 2,
       "unterminated /* comment"},
      {Dialect::postgres, "SELECT 1;\n/* nested /* twice */ still open\nSELECT 2;", 2,
       "unterminated /* comment"},
      {Dialect::mysql, "SELECT 1;\n\n/*! never closed", 3, "unterminated /* comment"},
      {Dialect::db2, "SELECT 1; /*", 1, "unterminated /* comment"},
      {Dialect::sqlite, "SELECT 1;\nSELECT 'abc;\nSELECT 2;", 2, "unterminated string literal"},
      {Dialect::postgres, "SELECT 'it''s;", 1, "unterminated string literal"},
      {Dialect::mysql, "SELECT 'a\\';\nSELECT 2;", 1, "unterminated string literal"},
      {Dialect::mysql, "SELECT 1;\nSELECT \"abc;", 2, "unterminated string literal: no closing \""},
      {Dialect::postgres, "SELECT 1;\nSELECT \"abc;", 2, "unterminated quoted identifier"},
      {Dialect::mysql, "SELECT 1;\n\nSELECT `abc;", 3, "unterminated quoted identifier: no closing `"},
      {Dialect::sqlite, "SELECT [abc;", 1, "unterminated quoted identifier: no closing ]"},
      {Dialect::postgres, "SELECT 1;\nSELECT $$ body;\nSELECT 2;", 2, "unterminated dollar-quoted"},
      {Dialect::postgres, "SELECT 1;\nCREATE FUNCTION f() AS $fn$ SELECT 1; $$;", 2,
       "it starts `$fn$ SELECT 1; $$;`"},
      {Dialect::postgres, "SELECT E'it\\'s;\nSELECT 2;", 1, "unterminated E'…' string"},
      {Dialect::sqlite,
       "SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  DELETE FROM b;\nSELECT 2;", 2,
       "BEGIN … END body never ends"},
      {Dialect::mysql,
       "SELECT 1;\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END\nCREATE TABLE t (x INT);\n",
       3, "DELIMITER $$ block never ends"},
  };
  for (const Unterminated& c : cases) {
    SCOPED_TRACE(c.text);
    SplitScript split = split_script(c.text, c.dialect, "m/0002_x.up.sql");
    ASSERT_TRUE(split.defect.has_value());
    EXPECT_EQ(split.defect->where, (SourceLocation{"m/0002_x.up.sql", c.line}));
    EXPECT_NE(split.defect->message.find(c.message), std::string::npos) << split.defect->message;
    EXPECT_THROW(split_statements(c.text, c.dialect, "m/0002_x.up.sql"), Error);
  }
}

TEST(Splitter, ADefectInASectionIsLocatedInTheFile) {
  SplitScript split = split_script("SELECT 1;\n/* open", Dialect::sqlite, "0001_x.sql", 7);
  ASSERT_TRUE(split.defect.has_value());
  EXPECT_EQ(split.defect->where.line, 8);
}

TEST(Splitter, ADefectFarPastTheFirstWindowKeepsItsLine) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "SELECT 'a;b', \"c;d\";\n";
  text += "/* never closed\nSELECT 1;\n";
  SplitScript split = split_script(text, Dialect::postgres, "big.sql");
  ASSERT_TRUE(split.defect.has_value());
  EXPECT_EQ(split.defect->where.line, 2001);
  EXPECT_EQ(split.statements.size(), 2000u);
}

TEST(Splitter, TerminatedTokensAtTheEndAreNoDefect) {
  for (Dialect dialect : kAllDialects) {
    for (std::string text : {"SELECT 1; /* closed */", "SELECT 'a'", "SELECT 1 -- no newline",
                             "SELECT 1;\n-- trailing"}) {
      SCOPED_TRACE(text);
      EXPECT_FALSE(split_script(text, dialect, "f.sql").defect.has_value());
    }
  }
  EXPECT_FALSE(split_script("SELECT $$a$$", Dialect::postgres, "f.sql").defect.has_value());
  EXPECT_FALSE(split_script("DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\n",
                            Dialect::mysql, "f.sql").defect.has_value());
  EXPECT_FALSE(split_script("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END",
                            Dialect::sqlite, "f.sql").defect.has_value());
}

}  // namespace
}  // namespace crucible::sql

// Found by benchmarks/split_benchmark.cc: MySQL scripts with many DELIMITER blocks were split in
// quadratic time. The splitter now works in windows; these scripts cross window boundaries with
// statements, literals holding `;` and one statement larger than a window.
TEST(SplitterWindows, LongScriptsSplitExactlyAcrossWindowBoundaries) {
  std::string script, huge(150 * 1024, 'x');
  for (size_t i = 0; i < 60 * 1024; i += 7) huge[i] = ';';
  std::vector<std::string> expected;
  for (int i = 0; i < 3000; ++i) {
    std::string statement = i == 1500 ? "INSERT INTO t VALUES ('" + huge + "')"
                                      : "INSERT INTO t VALUES (" + std::to_string(i) + ", 'a;b')";
    expected.push_back(statement);
    script += statement + ";\n";
  }
  auto statements = crucible::sql::split_statements(script, crucible::Dialect::postgres, "big.sql");
  ASSERT_EQ(statements.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(statements[i].sql, expected[i]) << "statement " << i;
    ASSERT_EQ(statements[i].where.line, static_cast<int>(i) + 1) << "statement " << i;
  }
}

TEST(SplitterWindows, ManyDelimiterBlocksSplitExactly) {
  std::string script;
  std::vector<std::string> expected;
  for (int i = 0; i < 2000; ++i) {
    std::string body = "CREATE PROCEDURE p" + std::to_string(i) +
                       "()\nBEGIN\n  SELECT 1;\n  SELECT 'x;y';\nEND";
    script += "DELIMITER $$\n" + body + "$$\nDELIMITER ;\nSELECT " + std::to_string(i) + ";\n";
    expected.push_back(body);
    expected.push_back("SELECT " + std::to_string(i));
  }
  auto statements = crucible::sql::split_statements(script, crucible::Dialect::mysql, "procs.sql");
  ASSERT_EQ(statements.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(statements[i].sql, expected[i]) << i;
  EXPECT_EQ(statements.back().where.line, 2000 * 8);  // 8 lines per block
}
