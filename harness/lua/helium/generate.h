// Generating one Helium migration file's SQL the way the server does: in a fresh sandbox,
// require("database") (the design's own database.lua, else Crucible's built-in library), call
// the file's function with (engine, design, schema, cfg) — cfg = require("database_<engine>") —
// and pass its queries to database:run_migration. The result is the file's SQL, queries joined
// by `-- QUERY DELIMITER`.
//
// A design's own database.lua may define run_migration as a method (`function
// database:run_migration(queries, …)`, called with `:`) or as a plain function (`function
// database.run_migration(queries, …)`, called with `.`): the first parameter's name decides
// (`self` → method). run_migration may return the SQL text or a list of query texts.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace crucible::lua::helium {

struct GenerateRequest {
  std::string path;        // the migration file
  std::string display;     // its name in messages (relative to the design folder)
  std::string design_dir;  // the design folder: require() finds sibling modules here
  bool own_library = false;  // the design ships database.lua
  std::string library_dir;   // where that database.lua lives (the design folder or its parent)
  std::string engine;      // Helium's engine name: postgresql, mysql, mariadb, sqlite, db2
  std::string design;      // the <design> prefix of the file names
  std::string schema;      // "" for none
  std::map<std::string, std::string> defines;
  // The server cannot decompress Brotli (stock PostgreSQL, MariaDB, MySQL): the `brotli` module
  // is an identity and COMPRESS_START/END are the BASE64 wrappers, so the stored text is the same;
  // BROTLI_DECOMPRESS_FUNCTION (a C function / UDF from a library the server lacks) becomes
  // kNoBrotliFunction.
  bool transport_shim = false;
};

// What ${BROTLI_DECOMPRESS_FUNCTION} expands to under the transport shim.
inline constexpr const char* kNoBrotliFunction =
    "/* brotli_decompress: not created (transport shim) */";

struct GeneratedSql {
  std::string sql;
  int shimmed_blocks = 0;  // blocks the library "compressed" through the transport shim
  // The shim replaced ${BROTLI_DECOMPRESS_FUNCTION} (a C function / UDF) with kNoBrotliFunction.
  bool brotli_function_skipped = false;
};

// Throws LuaError ("file:line: …") for a Lua error, and crucible::Error naming the file and the
// macro when a ${…} is left in the generated SQL.
GeneratedSql generate(const GenerateRequest& request);
// generate(request).sql
std::string generate_sql(const GenerateRequest& request);

// The statements of generated SQL or of stored code: split on lines holding `delimiter`
// (`-- QUERY DELIMITER`, `-- SUBQUERY DELIMITER`), pieces that are empty or only comments
// dropped, everything else kept whole (trailing semicolons, compound bodies).
std::vector<std::string> split_on_delimiter(const std::string& sql, const std::string& delimiter);

}  // namespace crucible::lua::helium
