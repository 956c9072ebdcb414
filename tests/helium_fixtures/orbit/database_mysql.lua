local common = require("database_common")
return common.engine({
  DIALECT = 3,
  INTEGER = "INT", INTEGER_BIG = "BIGINT", TEXT = "TEXT", TEXT_BIG = "LONGTEXT",
  JSON = "LONGTEXT", TIMESTAMP_TZ = "DATETIME(3)", NOW = "CURRENT_TIMESTAMP(3)",
  BASE64_START = "CONVERT(FROM_BASE64(", BASE64_END = ") USING utf8mb4)",
  COMPRESS_START = "CONVERT(brotli_decompress(FROM_BASE64(", COMPRESS_END = ")) USING utf8mb4)",
})
