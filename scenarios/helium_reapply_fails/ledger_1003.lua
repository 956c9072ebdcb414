-- Seed lookup 42 (data only). The reverse's key list has a typo, `2.3` for `2, 3` (the shape of a
-- real design's reverse), so rows 2 and 3 stay behind and the second forward fails on the
-- primary key. After that the database must be rebuilt: the catalog looks the same, but 1003's
-- row says 1000 again and the rows are half there.
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1003"
  cfg.TABLE = "lookups"
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
INSERT INTO ${SCHEMA}${TABLE} (lookup_id, key_idx, value_txt, ${COMMON_FIELDS}) VALUES
  (42, 1, 'Login', ${COMMON_VALUES}),
  (42, 2, 'Menu', ${COMMON_VALUES}),
  (42, 3, 'Profile', ${COMMON_VALUES});
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Seed lookup 42', 'forward', NULL, ${COMMON_INSERT} FROM next_query_id
]] })
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM ${SCHEMA}${QUERIES})
SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
DELETE FROM ${SCHEMA}${TABLE} WHERE lookup_id = 42 AND key_idx IN (1, 2.3);
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Reverse Seed lookup 42', 'reverse', NULL, ${COMMON_INSERT} FROM next_query_id
]] })
  return queries
end
