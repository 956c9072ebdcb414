// Helium's db2 macros: what the bundled designs and a DB2-shaped design expand to on `db2`, split
// the way Crucible's server emulation sends them (`-- QUERY DELIMITER`, `-- SUBQUERY DELIMITER`,
// then DB2's script dialect: `--#SET TERMINATOR @`, BEGIN ATOMIC bodies kept whole). Stored
// forward/reverse code is decoded from the base64/Brotli literals DB2 would decode, and split too.
// No DB2 server is involved: these are the statements DB2 would be sent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "harness/common/error.h"
#include "harness/loaders/helium_directory.h"
#include "harness/lua/helium/generate.h"
#include "harness/lua/helium/native.h"
#include "harness/sql/splitter.h"
#include "tests/support/crucible_binary.h"

namespace crucible {
namespace {

namespace fs = std::filesystem;
using lua::helium::GenerateRequest;
using lua::helium::split_on_delimiter;

// The requests the loader makes for `root` on db2 (no transport shim: DB2 gets real Brotli).
std::vector<GenerateRequest> db2_requests(const std::string& root) {
  std::string library = helium_library_dir(root);
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(root))
    if (is_helium_file_name(entry.path().filename().string()))
      files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  std::vector<GenerateRequest> out;
  for (const std::string& file : files)
    out.push_back({.path = (fs::path(root) / file).string(), .display = file, .design_dir = root,
                   .own_library = !library.empty(), .library_dir = library, .engine = "db2",
                   .design = file.substr(0, file.rfind('_')), .schema = "", .defines = {},
                   .transport_shim = false});
  return out;
}

// What the db2 macros wrap stored text in: ${SCHEMA}BASE64DECODE('…') and, for blocks over 1 KB,
// ${SCHEMA}BROTLI_DECOMPRESS(${SCHEMA}BASE64DECODEBINARY('…')).
std::vector<std::string> stored_texts(const std::string& sql) {
  static const std::regex literal(R"(BASE64DECODE(BINARY)?\('([A-Za-z0-9+/=]*)'\))");
  std::vector<std::string> out;
  for (std::sregex_iterator it(sql.begin(), sql.end(), literal), end; it != end; ++it) {
    std::string bytes = lua::helium::base64_decode((*it)[2].str());
    out.push_back((*it)[1].matched ? lua::helium::brotli_decompress(bytes) : bytes);
  }
  return out;
}

// Every statement DB2 would be sent for `pieces`, as the server emulation splits them; a piece
// that does not split (unterminated quote, comment or body) fails the test with its file.
std::vector<std::string> db2_statements(const std::vector<std::string>& pieces,
                                        const std::string& file) {
  std::vector<std::string> out;
  for (const std::string& piece : pieces) {
    auto split = sql::split_script(piece, Dialect::db2, file);
    EXPECT_FALSE(split.defect) << file << ": " << split.defect->message << "\n" << piece;
    if (split.defect) continue;
    for (Statement& statement : split.statements) out.push_back(std::move(statement.sql));
  }
  return out;
}

std::vector<std::string> pieces_of(const std::string& sql) {
  std::vector<std::string> out;
  for (auto& query : split_on_delimiter(sql, "-- QUERY DELIMITER"))
    for (auto& piece : split_on_delimiter(query, "-- SUBQUERY DELIMITER")) out.push_back(piece);
  return out;
}

void expect_clean(const std::vector<std::string>& statements, const std::string& file) {
  for (const std::string& statement : statements) {
    EXPECT_EQ(statement.find("${"), std::string::npos) << file << ": " << statement;
    EXPECT_EQ(statement.find("--#SET"), std::string::npos) << file << ": " << statement;
    EXPECT_NE(statement.back(), '@') << file << ": " << statement;
    EXPECT_NE(statement.back(), ';') << file << ": " << statement;
  }
}

struct Counts {
  size_t load = 0, stored = 0;
};

Counts check_design(const std::string& root) {
  Counts counts;
  for (const GenerateRequest& request : db2_requests(root)) {
    std::string sql = lua::helium::generate_sql(request);
    auto load = db2_statements(pieces_of(sql), request.display);
    expect_clean(load, request.display);
    counts.load += load.size();
    for (const std::string& text : stored_texts(sql)) {
      size_t first = text.find_first_not_of(" \t\r\n");
      if (first != std::string::npos && (text[first] == '{' || text[first] == '['))
        continue;  // a diagram's JSON
      auto stored = db2_statements(split_on_delimiter(text, "-- SUBQUERY DELIMITER"),
                                   request.display);
      expect_clean(stored, request.display);
      counts.stored += stored.size();
    }
  }
  return counts;
}

TEST(HeliumDb2, TheBundledLedgerDesignSplitsIntoDb2Statements) {
  Counts counts = check_design(testing::source_dir() + "/migrations/helium/ledger");
  // ledger_1000 … 1005: one LOAD statement per query; forward and reverse code of each.
  EXPECT_EQ(counts.load, 15u);
  EXPECT_EQ(counts.stored, 23u);
}

TEST(HeliumDb2, TheOrbitDesignWithItsOwnDb2LibrarySplitsIntoDb2Statements) {
  Counts counts = check_design(testing::source_dir() + "/tests/helium_fixtures/orbit");
  EXPECT_EQ(counts.load, 13u);
  EXPECT_EQ(counts.stored, 21u);
}

// The shapes DB2 designs use: ${REORG} after an ALTER TABLE that needs one, and a trigger whose
// BEGIN ATOMIC body holds ';', written with DB2's `--#SET TERMINATOR @` or as a plain piece.
TEST(HeliumDb2, ReorgAndCompoundTriggersAreStatementsOfTheirOwn) {
  fs::path dir = fs::temp_directory_path() / ("crucible_helium_db2_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "d_1001.lua") << R"lua(return function(engine, design_name, schema_name, cfg)
  cfg.TABLE = "accounts"
  return { { sql = [[
ALTER TABLE ${SCHEMA}${TABLE} ALTER COLUMN name SET DATA TYPE VARCHAR(200);
${REORG};
${SUBQUERY_DELIMITER}
--#SET TERMINATOR @
CREATE TRIGGER ${SCHEMA}accounts_touch NO CASCADE BEFORE UPDATE ON ${SCHEMA}${TABLE}
REFERENCING NEW AS n FOR EACH ROW
BEGIN ATOMIC
  SET n.updated_at = ${NOW};
  SET n.updated_id = 0;
END@
--#SET TERMINATOR ;
UPDATE ${SCHEMA}${TABLE} SET name = UPPER(name) WHERE id = 1;
${SUBQUERY_DELIMITER}
CREATE TRIGGER accounts_guard AFTER DELETE ON accounts FOR EACH ROW
BEGIN ATOMIC
  SIGNAL SQLSTATE '75000' SET MESSAGE_TEXT = 'no deletes; ever';
END
]] } }
end
)lua";
  GenerateRequest request{.path = (dir / "d_1001.lua").string(), .display = "d_1001.lua",
                          .design_dir = dir.string(), .engine = "db2", .design = "d"};
  auto statements = db2_statements(pieces_of(lua::helium::generate_sql(request)), "d_1001.lua");
  fs::remove_all(dir);
  expect_clean(statements, "d_1001.lua");
  ASSERT_EQ(statements.size(), 5u);
  EXPECT_EQ(statements[0], "ALTER TABLE accounts ALTER COLUMN name SET DATA TYPE VARCHAR(200)");
  EXPECT_EQ(statements[1], "CALL SYSPROC.ADMIN_CMD('REORG TABLE accounts')");
  EXPECT_EQ(statements[2].rfind("CREATE TRIGGER accounts_touch", 0), 0u) << statements[2];
  EXPECT_NE(statements[2].find("SET n.updated_at = CURRENT TIMESTAMP;\n  SET n.updated_id = 0;\nEND"),
            std::string::npos)
      << statements[2];
  EXPECT_EQ(statements[3], "UPDATE accounts SET name = UPPER(name) WHERE id = 1");
  EXPECT_EQ(statements[4].rfind("CREATE TRIGGER accounts_guard", 0), 0u) << statements[4];
  EXPECT_NE(statements[4].find("'no deletes; ever';\nEND"), std::string::npos) << statements[4];
}

}  // namespace
}  // namespace crucible
