-- Create and seed lookups
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1002"
  cfg.TABLE = "lookups"
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
CREATE TABLE ${SCHEMA}${TABLE} (
  lookup_id ${INTEGER} NOT NULL,
  key_idx ${INTEGER} NOT NULL,
  value_txt ${VARCHAR_100} NOT NULL,
  ${COMMON_CREATE}
  ${PRIMARY} (lookup_id, key_idx)
);
${SUBQUERY_DELIMITER}
INSERT INTO ${SCHEMA}${TABLE} (lookup_id, key_idx, value_txt, ${COMMON_FIELDS}) VALUES
  (27, 0, 'Inactive', ${COMMON_VALUES}),
  (27, 1, 'Active', ${COMMON_VALUES});
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Create and seed lookups', 'forward', NULL, ${COMMON_INSERT} FROM next_query_id
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
]=], 'Reverse Create and seed lookups', 'reverse', NULL, ${COMMON_INSERT} FROM next_query_id
]] })

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_DIAGRAM_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[-- diagram]=], 'Diagram of lookups', 'diagram',
  ${JIS}[=[
{"diagram": [{"object_type": "table", "object_id": "table.lookups", "object_ref": "${MIGRATION}", "table": [
  {"name": "lookup_id", "datatype": "${INTEGER}", "nullable": false, "primary_key": true, "unique": false},
  {"name": "key_idx", "datatype": "${INTEGER}", "nullable": false, "primary_key": true, "unique": false},
  {"name": "value_txt", "datatype": "${VARCHAR_100}", "nullable": false, "primary_key": false, "unique": false},
  ${COMMON_DIAGRAM}
]}]}
]=]${JIE}, ${COMMON_INSERT} FROM next_query_id
]] })
  return queries
end
