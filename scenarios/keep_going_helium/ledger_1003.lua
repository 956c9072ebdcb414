-- Add email to accounts
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1003"
  cfg.TABLE = "accounts"
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
ALTER TABLE ${SCHEMA}${TABLE} ADD COLUMN email ${VARCHAR_128};
${SUBQUERY_DELIMITER}
INSERT INTO ${SCHEMA}account_emails (account_id) VALUES (1);
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Add email to accounts', 'forward', NULL, ${COMMON_VALUES} FROM ${SCHEMA}${QUERIES}
]] })
  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[
ALTER TABLE ${SCHEMA}${TABLE} DROP COLUMN email;
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Reverse Add email to accounts', 'reverse', NULL, ${COMMON_VALUES} FROM ${SCHEMA}${QUERIES}
]] })

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_DIAGRAM_MIGRATION},
  ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[-- diagram]=], 'Diagram of accounts', 'diagram',
  ${JIS}[=[
[{"table": "accounts", "columns": [
  {"name": "account_id", "datatype": "${INTEGER}", "nullable": false, "primary_key": true, "unique": false},
  {"name": "account_name", "datatype": "${VARCHAR_100}", "nullable": false, "primary_key": false, "unique": false},
  {"name": "email", "datatype": "${VARCHAR_128}", "nullable": true, "primary_key": false, "unique": false},
  ${COMMON_DIAGRAM}
]}]
]=]${JIE}, ${COMMON_VALUES} FROM ${SCHEMA}${QUERIES}
]] })
  return queries
end
