-- PostgreSQL macros in the public library's shapes.
return {
  INTEGER = "integer", TEXT = "text", TEXT_BIG = "text", VARCHAR_100 = "varchar(100)",
  TIMESTAMP_TZ = "timestamptz", NOW = "CURRENT_TIMESTAMP", PRIMARY = "PRIMARY KEY",
  UNIQUE = "UNIQUE", JSON = "jsonb",
  BASE64_START = "CONVERT_FROM(DECODE(", BASE64_END = ", 'base64'), 'UTF8')",
  COMPRESS_START = "CONVERT_FROM(${SCHEMA}brotli_decompress(DECODE(",
  COMPRESS_END = ", 'base64')), 'UTF8')",
  -- A C function from a shared library a stock server does not have.
  BROTLI_DECOMPRESS_FUNCTION = [[
    CREATE OR REPLACE FUNCTION ${SCHEMA}brotli_decompress(bytea) RETURNS bytea
      AS 'brotli_decompress', 'brotli_decompress' LANGUAGE c STRICT IMMUTABLE;
  ]],
  JSON_INGEST_START = "${SCHEMA}json_ingest(", JSON_INGEST_END = ")",
  -- Valid JSON goes in as it is; otherwise raw line breaks and tabs inside strings are escaped.
  JSON_INGEST_FUNCTION = [[
    CREATE OR REPLACE FUNCTION ${SCHEMA}json_ingest(s text) RETURNS jsonb
    LANGUAGE plpgsql STRICT STABLE AS $ingest$
    DECLARE
      out text := ''; ch text; in_str boolean := false; esc boolean := false;
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
    $ingest$;
  ]],
}
