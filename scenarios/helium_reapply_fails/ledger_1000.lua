-- Bootstrap: creates the queries table, runs the helper DDL and registers itself as applied.
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.TABLE = "queries"; cfg.MIGRATION = "1000"
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
  PRIMARY KEY (query_id),
  UNIQUE (query_ref, query_type_a28)
)]] })
  local drop_helpers = ""
  if engine == "postgresql" then
    table.insert(queries, { sql = [[${JSON_INGEST_FUNCTION}]] })
    drop_helpers = "\n${SUBQUERY_DELIMITER}\nDROP FUNCTION ${SCHEMA}json_ingest(TEXT);"
  end
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT}) VALUES
  (1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_APPLIED_MIGRATION}, ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
   [=[CREATE TABLE ${SCHEMA}${QUERIES} (bootstrap: created directly by LOAD)]=],
   'Create queries table', 'The design bootstrap', NULL, ${COMMON_VALUES}),
  (2, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION}, ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
   [=[DROP TABLE ${SCHEMA}${QUERIES};DROP_HELPERS]=],
   'Drop queries table', 'Reverses the bootstrap', NULL, ${COMMON_VALUES})
]] })
  queries[#queries].sql = queries[#queries].sql:gsub("DROP_HELPERS", drop_helpers)
  return queries
end
