-- Relabel the active status; the reverse deletes a lookup that the forward never created
-- (it should have restored the label): an asymmetric pair only --strict-dml catches.
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1006"
  cfg.TABLE = "lookups"
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
UPDATE ${SCHEMA}${TABLE} SET value_txt = 'Enabled' WHERE lookup_id = 27 AND key_idx = 1;
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Relabel active', 'forward', NULL, ${COMMON_VALUES} FROM ${SCHEMA}${QUERIES}
]] })
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
DELETE FROM ${SCHEMA}${TABLE} WHERE lookup_id = 28 AND key_idx = 1;
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Reverse Relabel active', 'reverse', NULL, ${COMMON_VALUES} FROM ${SCHEMA}${QUERIES}
]] })
  return queries
end
