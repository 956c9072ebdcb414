-- Register a report query
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1005"

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_PUBLIC}, ${DIALECT},
  ${QTC_FAST}, ${TIMEOUT}, 'SELECT account_id, account_name FROM accounts', 'List accounts', NULL, NULL,
  ${COMMON_INSERT} FROM next_query_id;
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Register a report query', 'forward', NULL, ${COMMON_INSERT} FROM next_query_id
]] })
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
DELETE FROM ${SCHEMA}${QUERIES} WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_PUBLIC};
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Reverse Register a report query', 'reverse', NULL, ${COMMON_INSERT} FROM next_query_id
]] })
  return queries
end
