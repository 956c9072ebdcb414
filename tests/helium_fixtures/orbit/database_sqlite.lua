local common = require("database_common")
return common.engine({
  DIALECT = 2,
  INTEGER = "INTEGER", INTEGER_BIG = "INTEGER", TEXT = "TEXT", TEXT_BIG = "TEXT",
  JSON = "TEXT", TIMESTAMP_TZ = "TEXT", NOW = "CURRENT_TIMESTAMP",
  BASE64_START = "CRYPTO_DECODE(", BASE64_END = ", 'base64')",
  COMPRESS_START = "BROTLI_DECOMPRESS(CRYPTO_DECODE(", COMPRESS_END = ", 'base64'))",
})
