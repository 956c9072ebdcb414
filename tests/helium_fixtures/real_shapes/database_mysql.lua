-- MySQL macros in the public library's shapes; MariaDB runs with this module too (the public
-- library has no database_mariadb.lua).
return {
  INTEGER = "int", TEXT = "text", TEXT_BIG = "longtext", VARCHAR_100 = "varchar(100)",
  TIMESTAMP_TZ = "datetime(3)", NOW = "CURRENT_TIMESTAMP(3)", PRIMARY = "PRIMARY KEY",
  UNIQUE = "UNIQUE", JSON = "longtext",
  BASE64_START = "CONVERT(FROM_BASE64(", BASE64_END = ") USING utf8mb4)",
  COMPRESS_START = "CONVERT(brotli_decompress(FROM_BASE64(", COMPRESS_END = ")) USING utf8mb4)",
  -- A UDF from a shared library a stock server does not have.
  BROTLI_DECOMPRESS_FUNCTION = [[
    CREATE FUNCTION brotli_decompress RETURNS STRING SONAME 'brotli_decompress.so';
  ]],
  JSON_INGEST_START = "(", JSON_INGEST_END = ")", JSON_INGEST_FUNCTION = "",
}
