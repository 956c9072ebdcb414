-- orbit_1001: the missions table.
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.TABLE = "missions"
  cfg.MIGRATION = "1001"
  cfg.DIAGRAM = '[{"table":"missions","columns":['
    .. cfg.column("mission_id", "INTEGER", false, true)
    .. ',' .. cfg.column("mission_name", "VARCHAR_100", false)
    .. ',' .. cfg.column("launched_at", "TIMESTAMP_TZ", true)
    .. ',${COMMON_DIAGRAM}]}]'

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
[=[
CREATE TABLE ${SCHEMA}${TABLE} (
    mission_id ${INTEGER} NOT NULL,
    mission_name ${VARCHAR_100} NOT NULL,
    launched_at ${TIMESTAMP_TZ},
    ${COMMON_CREATE}
    ${PRIMARY} (mission_id)
);
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES}
   SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Create ${TABLE}', 'Forward', NULL, ${COMMON_VALUES}
FROM ${SCHEMA}${QUERIES}
]] })

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
[=[
DROP TABLE ${SCHEMA}${TABLE};
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES}
   SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Drop ${TABLE}', 'Reverse', NULL, ${COMMON_VALUES}
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
