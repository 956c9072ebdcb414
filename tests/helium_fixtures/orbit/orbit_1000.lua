-- orbit_1000: bootstrap. Creates the queries table (and json_ingest where the engine needs it),
-- registers itself as applied, its reverse and its diagram.
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.TABLE = "queries"
  cfg.MIGRATION = "1000"

  table.insert(queries, { sql = [[
CREATE TABLE ${SCHEMA}${QUERIES} (
    query_id ${INTEGER} NOT NULL,
    query_ref ${INTEGER} NOT NULL,
    query_status_a27 ${INTEGER} NOT NULL,
    query_type_a28 ${INTEGER} NOT NULL,
    query_dialect_a30 ${INTEGER} NOT NULL,
    query_queue_a58 ${INTEGER} NOT NULL,
    query_timeout ${INTEGER} NOT NULL,
    code ${TEXT_BIG} NOT NULL,
    name ${VARCHAR_100} NOT NULL,
    summary ${TEXT_BIG},
    collection ${JSON},
    ${COMMON_CREATE}
    ${PRIMARY} (query_id),
    ${UNIQUE} (query_ref, query_type_a28)
)]] })

  local reverse = "DROP TABLE ${SCHEMA}${QUERIES};"
  if engine == "postgresql" then
    table.insert(queries, { sql = cfg.JSON_INGEST_FUNCTION })
    reverse = reverse .. "\n${SUBQUERY_DELIMITER}\nDROP FUNCTION ${SCHEMA}json_ingest(TEXT);"
  end

  local columns = {
    cfg.column("query_id", "INTEGER", false, true, false),
    cfg.column("query_ref", "INTEGER", false, false, true),
    cfg.column("query_status_a27", "INTEGER", false),
    cfg.column("query_type_a28", "INTEGER", false, false, true),
    cfg.column("query_dialect_a30", "INTEGER", false),
    cfg.column("query_queue_a58", "INTEGER", false),
    cfg.column("query_timeout", "INTEGER", false),
    cfg.column("code", "TEXT_BIG", false),
    cfg.column("name", "VARCHAR_100", false),
    cfg.column("summary", "TEXT_BIG", true),
    cfg.column("collection", "JSON", true),
  }
  cfg.DIAGRAM = string.format('[{"table":"%s","columns":[%s,${COMMON_DIAGRAM}]}]',
                              cfg.TABLE, table.concat(columns, ","))

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT}) VALUES
  (1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_APPLIED_MIGRATION}, ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
   [=[-- created by the bootstrap itself]=], 'Create queries table', 'Bootstrap', NULL, ${COMMON_VALUES}),
  (2, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION}, ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
   [=[]] .. reverse .. [[]=], 'Drop queries table', 'Bootstrap reverse', NULL, ${COMMON_VALUES}),
  (3, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_DIAGRAM_MIGRATION}, ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
   [=[-- diagram]=], 'Diagram of queries', 'Bootstrap diagram', ${JIS}[=[${DIAGRAM}]=]${JIE},
   ${COMMON_VALUES})
]] })
  return queries
end
