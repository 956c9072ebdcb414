-- orbit_1004: missions get a destination, indexed; the diagram of missions is restated. Each
-- step is one piece with two statements (the server runs such a piece as a whole).
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.TABLE = "missions"
  cfg.MIGRATION = "1004"
  cfg.ON_TABLE = (engine == "mysql" or engine == "mariadb") and " ON ${SCHEMA}${TABLE}" or ""
  local col = cfg.column
  cfg.DIAGRAM = '[{"table":"${TABLE}","columns":[' .. table.concat({
    col("mission_id", "INTEGER", false, true),
    col("mission_name", "VARCHAR_100", false),
    col("launched_at", "TIMESTAMP_TZ", true),
    "${COMMON_DIAGRAM}",
    col("destination", "VARCHAR_50", true),
  }, ",") .. ']}]'

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
[=[
ALTER TABLE ${SCHEMA}${TABLE} ADD COLUMN destination ${VARCHAR_50};
CREATE INDEX missions_destination_idx ON ${SCHEMA}${TABLE} (destination);
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES}
   SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Add destination to ${TABLE}', 'Forward', NULL, ${COMMON_VALUES}
FROM ${SCHEMA}${QUERIES}
]] })

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
[=[
DROP INDEX missions_destination_idx${ON_TABLE};
ALTER TABLE ${SCHEMA}${TABLE} DROP COLUMN destination;
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES}
   SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Drop destination from ${TABLE}', 'Reverse', NULL, ${COMMON_VALUES}
FROM ${SCHEMA}${QUERIES}
]] })

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_DIAGRAM_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT}, [=[-- diagram]=], 'Diagram of ${TABLE}', 'Diagram',
       ${JIS}[=[${DIAGRAM}]=]${JIE}, ${COMMON_VALUES}
FROM ${SCHEMA}${QUERIES}
]] })
  return queries
end
