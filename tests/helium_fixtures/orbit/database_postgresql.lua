local common = require("database_common")
return common.engine({
  DIALECT = 1,
  INTEGER = "INTEGER", INTEGER_BIG = "BIGINT", TEXT = "TEXT", TEXT_BIG = "TEXT",
  JSON = "JSONB", TIMESTAMP_TZ = "TIMESTAMPTZ", NOW = "CURRENT_TIMESTAMP",
  BASE64_START = "CONVERT_FROM(DECODE(", BASE64_END = ", 'base64'), 'UTF8')",
  COMPRESS_START = "CONVERT_FROM(${SCHEMA}brotli_decompress(DECODE(",
  COMPRESS_END = ", 'base64')), 'UTF8')",
  JSON_INGEST_START = "${SCHEMA}json_ingest(", JSON_INGEST_END = ")",
  JSON_INGEST_FUNCTION = "CREATE OR REPLACE FUNCTION ${SCHEMA}json_ingest(s TEXT) RETURNS JSONB "
    .. "LANGUAGE sql IMMUTABLE AS $fn$ SELECT s::jsonb $fn$;",
})
