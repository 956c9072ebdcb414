-- Index account names
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1004"
  cfg.TABLE = "accounts"
  cfg.DROP_INDEX_ON = (engine == "mysql" or engine == "mariadb") and " ON ${SCHEMA}${TABLE}" or ""
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
CREATE INDEX accounts_name_idx ON ${SCHEMA}${TABLE} (account_name);
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Index account names', 'forward', NULL, ${COMMON_INSERT} FROM next_query_id
]] })
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
DROP INDEX accounts_name_idx${DROP_INDEX_ON};
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Reverse Index account names', 'reverse', NULL, ${COMMON_INSERT} FROM next_query_id
]] })
  return queries
end
