-- SQLite macros in the public library's shapes; the server registers the decoders natively.
return {
  INTEGER = "integer", TEXT = "text", TEXT_BIG = "text", VARCHAR_100 = "varchar(100)",
  TIMESTAMP_TZ = "text", NOW = "CURRENT_TIMESTAMP", PRIMARY = "PRIMARY KEY", UNIQUE = "UNIQUE",
  JSON = "text",
  BASE64_START = "CRYPTO_DECODE(", BASE64_END = ",'base64')",
  COMPRESS_START = "BROTLI_DECOMPRESS(CRYPTO_DECODE(", COMPRESS_END = ",'base64'))",
  BROTLI_DECOMPRESS_FUNCTION = [[
    -- brotli_decompress is a loadable extension the server registers
  ]],
  JSON_INGEST_START = "(", JSON_INGEST_END = ")", JSON_INGEST_FUNCTION = "",
}
