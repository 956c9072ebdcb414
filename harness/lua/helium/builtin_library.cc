#include "harness/lua/helium/builtin_library.h"

namespace crucible::lua::helium {
namespace {

// database.lua: expansion, long-bracket encoding and the delimiter line, as the server does.
constexpr const char* kDatabase = R"lua(
local database = {}
local base64 = require("crucible_base64")
local brotli = require("brotli")

-- ${NAME} expanded repeatedly (macros nest); unknown names fall back to the environment
-- (os.getenv, which sees --define first). Anything left is an error naming the macro.
local function expand(text, cfg)
  for _ = 1, 50 do
    local changed = false
    text = text:gsub("%${([%w_]+)}", function(name)
      local value = cfg[name]
      if value == nil then value = os.getenv(name) end
      if value == nil then return nil end
      changed = true
      return tostring(value)
    end)
    if not changed then break end
  end
  local left = text:match("%${([^}]*)}")
  if left then error("undefined macro ${" .. left .. "}", 0) end
  return text
end
database.expand = expand

-- Long-bracket blocks [=[ … ]=] left in the SQL become literals the database decodes itself;
-- blocks over 1 KB are Brotli-compressed first (through the transport shim on servers that
-- cannot decompress: then `brotli` is an identity and COMPRESS_* are the BASE64_* wrappers).
-- Inside out, as the real library does: a stored query's [==[ … ]==] inside a migration's
-- [=[ … ]=] code is encoded first, so the outer code carries it as a literal the database decodes.
local function encode_blocks(text, cfg)
  for level = 5, 1, -1 do
    local eq = string.rep("=", level)
    text = text:gsub("%[" .. eq .. "%[(.-)%]" .. eq .. "%]", function(body)
      if #body > 1024 and cfg.COMPRESS_START then
        return cfg.COMPRESS_START .. "'" .. base64.encode(brotli.compress(body)) .. "'" .. cfg.COMPRESS_END
      end
      return cfg.BASE64_START .. "'" .. base64.encode(body) .. "'" .. cfg.BASE64_END
    end)
  end
  return text
end

function database:run_migration(queries, engine, design_name, schema_name)
  local cfg = require("database_" .. engine)
  local out = {}
  for _, q in ipairs(queries or {}) do
    local sql = expand(q.sql or "", cfg)
    out[#out + 1] = expand(encode_blocks(sql, cfg), cfg)
  end
  return table.concat(out, "\n-- QUERY DELIMITER\n")
end

return database
)lua";

// The macros every engine shares; each engine module overrides what differs.
constexpr const char* kCommon = R"lua(
local common = {}
local function diagram_column(name, datatype, nullable)
  return string.format('{"name":"%s","datatype":"%s","nullable":%s,"primary_key":false,'
    .. '"unique":false,"standard":true}', name, datatype, tostring(nullable))
end
function common.engine(name, dialect, overrides)
  local cfg = {
    QUERIES = "queries",
    QUERIES_INSERT = "query_id, query_ref, query_status_a27, query_type_a28, query_dialect_a30, "
      .. "query_queue_a58, query_timeout, code, name, summary, collection, ${COMMON_FIELDS}",
    SUBQUERY_DELIMITER = "-- SUBQUERY DELIMITER",
    -- The real library's shapes (docs/HELIUM.md "Exact shapes"): designs write ${COMMON_CREATE}
    -- directly before their key clause, and ${COMMON_INSERT} as the tail of a select list.
    COMMON_CREATE = "valid_after ${TIMESTAMP_TZ}, valid_until ${TIMESTAMP_TZ}, "
      .. "created_id ${INTEGER} NOT NULL, created_at ${TIMESTAMP_TZ} NOT NULL, "
      .. "updated_id ${INTEGER} NOT NULL, updated_at ${TIMESTAMP_TZ} NOT NULL,",
    COMMON_FIELDS = "valid_after, valid_until, created_id, created_at, updated_id, updated_at",
    COMMON_INSERT = "NULL AS valid_after, NULL AS valid_until, 0 AS created_id, "
      .. "${NOW} AS created_at, 0 AS updated_id, ${NOW} AS updated_at",
    COMMON_VALUES = "NULL, NULL, 0, ${NOW}, 0, ${NOW}",
    COMMON_DIAGRAM = diagram_column("valid_after", "${TIMESTAMP_TZ}", true) .. ","
      .. diagram_column("valid_until", "${TIMESTAMP_TZ}", true) .. ","
      .. diagram_column("created_id", "${INTEGER}", false) .. ","
      .. diagram_column("created_at", "${TIMESTAMP_TZ}", false) .. ","
      .. diagram_column("updated_id", "${INTEGER}", false) .. ","
      .. diagram_column("updated_at", "${TIMESTAMP_TZ}", false),
    INTEGER = "INTEGER", INTEGER_BIG = "BIGINT", INTEGER_SMALL = "SMALLINT",
    FLOAT = "REAL", FLOAT_BIG = "DOUBLE PRECISION", TEXT = "TEXT", TEXT_BIG = "TEXT",
    JSON = "TEXT", JSONB = "${JSON}", TIMESTAMP_TZ = "TIMESTAMP",
    VARCHAR_20 = "VARCHAR(20)", VARCHAR_50 = "VARCHAR(50)", VARCHAR_100 = "VARCHAR(100)",
    VARCHAR_64 = "VARCHAR(64)", VARCHAR_128 = "VARCHAR(128)", VARCHAR_500 = "VARCHAR(500)",
    DATE = "DATE", TIME = "TIME", DATETIME = "TIMESTAMP", TIMESTAMP = "TIMESTAMP",
    SERIAL = "INTEGER GENERATED ALWAYS AS IDENTITY",
    CHAR_2 = "CHAR(2)", CHAR_20 = "CHAR(20)", CHAR_50 = "CHAR(50)", CHAR_128 = "CHAR(128)",
    PRIMARY = "PRIMARY KEY", UNIQUE = "UNIQUE", NOW = "CURRENT_TIMESTAMP",
    DIALECT = dialect,
    STATUS_INACTIVE = 0, STATUS_ACTIVE = 1,
    TYPE_INTERNAL_SQL = 0, TYPE_SQL = 1, TYPE_PUBLIC = 10, TYPE_PROTECTED = 11,
    TYPE_FORWARD_MIGRATION = 1000, TYPE_REVERSE_MIGRATION = 1001,
    TYPE_DIAGRAM_MIGRATION = 1002, TYPE_APPLIED_MIGRATION = 1003,
    QTC_SLOW = 0, QTC_MEDIUM = 1, QTC_FAST = 2, QTC_CACHED = 3, TIMEOUT = 5000,
    JSON_INGEST_START = "${JIS}", JSON_INGEST_END = "${JIE}", JIS = "(", JIE = ")",
    JSON_INGEST_FUNCTION = "",
    -- The schema-ingest variants the real library added later; the same wrappers here.
    JSON_INGEST_SCHEMA_START = "${JSON_INGEST_START}",
    JSON_INGEST_SCHEMA_END = "${JSON_INGEST_END}",
    JSON_INGEST_SCHEMA_FUNCTION = "",
    CONVERT_TZ_FUNCTION = "/* convert_tz: not created by the built-in library */",
    -- The real library creates a C function (PostgreSQL) or a UDF (MySQL) from a shared library
    -- stock servers lack; Crucible decodes on SQLite natively and shims the servers.
    BROTLI_DECOMPRESS_FUNCTION = "/* brotli_decompress: not created (transport shim) */",
    REORG = "-- REORG is DB2 only", DUMMY_TABLE = "",
    SCHEMA = "",
  }
  for k, v in pairs(overrides) do cfg[k] = v end
  cfg.ENGINE = name
  return cfg
end
return common
)lua";

constexpr const char* kPostgresql = R"lua(
return require("helium_common").engine("postgresql", 1, {
  INTEGER_BIG = "BIGINT", JSON = "JSONB", TIMESTAMP_TZ = "TIMESTAMPTZ",
  BASE64_START = "CONVERT_FROM(DECODE(", BASE64_END = ", 'base64'), 'UTF8')",
  -- Needs a brotli_decompress(bytea) function; stock servers get the transport shim instead.
  COMPRESS_START = "CONVERT_FROM(${SCHEMA}brotli_decompress(DECODE(",
  COMPRESS_END = ", 'base64')), 'UTF8')",
  JIS = "${SCHEMA}json_ingest(", JIE = ")",
  -- Valid JSON goes in as it is; otherwise line breaks and tabs written raw inside strings (a
  -- diagram's SVG) are escaped first, as the real library's json_ingest does.
  SERIAL = "SERIAL",
  JSON_INGEST_FUNCTION = [[
CREATE OR REPLACE FUNCTION ${SCHEMA}json_ingest(s TEXT) RETURNS JSONB
LANGUAGE plpgsql STRICT IMMUTABLE AS $json$
DECLARE
  out TEXT := ''; ch TEXT; in_str BOOLEAN := false; esc BOOLEAN := false;
BEGIN
  BEGIN
    RETURN s::jsonb;
  EXCEPTION WHEN others THEN
  END;
  FOR i IN 1 .. length(s) LOOP
    ch := substr(s, i, 1);
    IF esc THEN out := out || ch; esc := false;
    ELSIF ch = E'\\' THEN out := out || ch; esc := true;
    ELSIF ch = '"' THEN out := out || ch; in_str := NOT in_str;
    ELSIF in_str AND ch = E'\n' THEN out := out || E'\\n';
    ELSIF in_str AND ch = E'\r' THEN out := out || E'\\r';
    ELSIF in_str AND ch = E'\t' THEN out := out || E'\\t';
    ELSE out := out || ch;
    END IF;
  END LOOP;
  RETURN out::jsonb;
END
$json$;]],
  DROP_CHECK = "DO $check$ BEGIN IF EXISTS (SELECT 1 FROM ${SCHEMA}${TABLE}) THEN "
    .. "RAISE EXCEPTION 'refusing to drop ${TABLE}: it still has rows'; END IF; END $check$;",
  -- Used as ${SHA256_HASH_START}'0'${SHA256_HASH_MID}'secret'${SHA256_HASH_END}: base64 of the
  -- digest, as the real library stores it; ${JRS}column${JRM}'$.key'${JRE}: the value as text.
  SHA256_HASH_START = "ENCODE(SHA256(CONVERT_TO(", SHA256_HASH_MID = " || ",
  SHA256_HASH_END = ", 'UTF8')), 'base64')",
  JRS = "(JSONB_PATH_QUERY_FIRST(", JRM = ", ", JRE = ") #>> '{}')",
  TRMS = "(CURRENT_TIMESTAMP - INTERVAL '1 minute' * (", TRME = "))",
})
)lua";

constexpr const char* kMysqlLike = R"lua(
local name, dialect = ...
local drop_check = "-- DROP_CHECK needs a stored procedure on MySQL"
if name == "mariadb" then
  drop_check = "BEGIN NOT ATOMIC IF EXISTS (SELECT 1 FROM ${SCHEMA}${TABLE}) THEN "
    .. "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refusing to drop ${TABLE}: it still has rows'; "
    .. "END IF; END"
end
return require("helium_common").engine(name, dialect, {
  INTEGER = "INT", FLOAT = "FLOAT", FLOAT_BIG = "DOUBLE", TEXT_BIG = "LONGTEXT",
  JSON = "LONGTEXT", TIMESTAMP_TZ = "DATETIME(3)", NOW = "CURRENT_TIMESTAMP(3)",
  BASE64_START = "CONVERT(FROM_BASE64(", BASE64_END = ") USING utf8mb4)",
  -- Needs a brotli_decompress UDF; stock servers get the transport shim instead.
  COMPRESS_START = "CONVERT(brotli_decompress(FROM_BASE64(", COMPRESS_END = ")) USING utf8mb4)",
  DROP_CHECK = drop_check,
  SERIAL = "INT AUTO_INCREMENT", DATETIME = "DATETIME(3)", TIMESTAMP = "DATETIME(3)",
  SHA256_HASH_START = "TO_BASE64(UNHEX(SHA2(CONCAT(", SHA256_HASH_MID = ", ",
  SHA256_HASH_END = "), 256)))",
  JRS = "JSON_UNQUOTE(JSON_EXTRACT(", JRM = ", ", JRE = "))",
  TRMS = "(CURRENT_TIMESTAMP(3) - INTERVAL (", TRME = ") MINUTE)",
  DUMMY_TABLE = "FROM DUAL",
})
)lua";

constexpr const char* kSqlite = R"lua(
return require("helium_common").engine("sqlite", 2, {
  INTEGER_BIG = "INTEGER", INTEGER_SMALL = "INTEGER", FLOAT_BIG = "REAL", TIMESTAMP_TZ = "TEXT",
  BROTLI_DECOMPRESS_FUNCTION = "/* brotli_decompress: registered natively by Crucible */",
  BASE64_START = "CRYPTO_DECODE(", BASE64_END = ", 'base64')",
  COMPRESS_START = "BROTLI_DECOMPRESS(CRYPTO_DECODE(", COMPRESS_END = ", 'base64'))",
  DROP_CHECK = "SELECT CASE WHEN EXISTS (SELECT 1 FROM ${SCHEMA}${TABLE}) THEN "
    .. "RAISE_ERROR('refusing to drop ${TABLE}: it still has rows') END;",
  SERIAL = "INTEGER", DATE = "TEXT", TIME = "TEXT", DATETIME = "TEXT", TIMESTAMP = "TEXT",
  SHA256_HASH_START = "CRYPTO_ENCODE(CRYPTO_SHA256(", SHA256_HASH_MID = " || ",
  SHA256_HASH_END = "), 'base64')",
  JRS = "JSON_EXTRACT(", JRM = ", ", JRE = ")",
  TRMS = "DATETIME('now', '-' || (", TRME = ") || ' minutes')",
})
)lua";

constexpr const char* kDb2 = R"lua(
return require("helium_common").engine("db2", 4, {
  FLOAT = "REAL", FLOAT_BIG = "DOUBLE", TEXT = "VARCHAR(250)", TEXT_BIG = "CLOB(1M)",
  JSON = "CLOB(1M)", TIMESTAMP_TZ = "TIMESTAMP", NOW = "CURRENT TIMESTAMP",
  BASE64_START = "${SCHEMA}BASE64DECODE(", BASE64_END = ")",
  COMPRESS_START = "${SCHEMA}BROTLI_DECOMPRESS(${SCHEMA}BASE64DECODEBINARY(", COMPRESS_END = "))",
  DROP_CHECK = "-- DROP_CHECK: DB2 refuses through the zero-row rule",
  SHA256_HASH_START = "HEX(HASH(", SHA256_HASH_MID = " || ", SHA256_HASH_END = ", 2))",
  REORG = "CALL SYSPROC.ADMIN_CMD('REORG TABLE ${SCHEMA}${TABLE}')",
  JRS = "JSON_VALUE(", JRM = ", ", JRE = " DEFAULT NULL ON ERROR)",
  TRMS = "(CURRENT TIMESTAMP - (", TRME = ") MINUTES)",
  DUMMY_TABLE = "FROM SYSIBM.SYSDUMMY1",
})
)lua";

}  // namespace

void preload_builtin_library(Sandbox& sandbox) {
  sandbox.preload_source("database", kDatabase);
  sandbox.preload_source("helium_common", kCommon);
  sandbox.preload_source("database_postgresql", kPostgresql);
  sandbox.preload_source("database_sqlite", kSqlite);
  sandbox.preload_source("database_db2", kDb2);
  // mysql and mariadb share a module; the chunk reads its engine name from its arguments.
  sandbox.preload_source("database_mysql", std::string("return (function(...) ") + kMysqlLike +
                                               " end)('mysql', 3)");
  sandbox.preload_source("database_mariadb", std::string("return (function(...) ") + kMysqlLike +
                                                 " end)('mariadb', 7)");
}

}  // namespace crucible::lua::helium
