-- Create accounts table
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1001"
  cfg.TABLE = "accounts"
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
CREATE TABLE ${SCHEMA}${TABLE} (
  account_id ${INTEGER} NOT NULL,
  account_name ${VARCHAR_100} NOT NULL,
  ${COMMON_CREATE}
  ${PRIMARY} (account_id)
);
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Create accounts table', 'forward', NULL, ${COMMON_INSERT} FROM next_query_id
]] })
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
DROP TABLE ${SCHEMA}${TABLE};
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Reverse Create accounts table', 'reverse', NULL, ${COMMON_INSERT} FROM next_query_id
]] })

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_DIAGRAM_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[-- diagram]=], 'Diagram of accounts', 'diagram',
  ${JIS}[=[
{"diagram": [{"object_type": "table", "object_id": "table.accounts", "object_ref": "${MIGRATION}", "table": [
  {"name": "account_id", "datatype": "${INTEGER}", "nullable": false, "primary_key": true, "unique": false},
  {"name": "account_name", "datatype": "${VARCHAR_100}", "nullable": false, "primary_key": false, "unique": false},
  ${COMMON_DIAGRAM}
]}]}
]=]${JIE}, ${COMMON_INSERT} FROM next_query_id
]] })
  return queries
end
