-- orbit_1002: crew members, unique call signs, an index on the mission.
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.TABLE = "crew"
  cfg.MIGRATION = "1002"
  -- MySQL and MariaDB name the table in DROP INDEX.
  local drop_index = "DROP INDEX crew_mission_idx"
  if engine == "mysql" or engine == "mariadb" then
    drop_index = drop_index .. " ON ${SCHEMA}${TABLE}"
  end
  cfg.DROP_CREW_INDEX = drop_index

  local columns = {}
  for _, c in ipairs({
    { "crew_id", "INTEGER", false, true, false },
    { "mission_id", "INTEGER", false, false, false },
    { "call_sign", "VARCHAR_20", false, false, true },
    { "full_name", "VARCHAR_100", true, false, false },
  }) do
    columns[#columns + 1] = cfg.column(unpack(c))
  end
  cfg.DIAGRAM = '[{"table":"${TABLE}","columns":[' .. table.concat(columns, ",")
    .. ',${COMMON_DIAGRAM}]}]'

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
[=[
CREATE TABLE ${SCHEMA}${TABLE} (
    crew_id ${INTEGER} NOT NULL,
    mission_id ${INTEGER} NOT NULL,
    call_sign ${VARCHAR_20} NOT NULL,
    full_name ${VARCHAR_100},
    ${COMMON_CREATE}
    ${PRIMARY} (crew_id),
    ${UNIQUE} (call_sign)
);
${SUBQUERY_DELIMITER}
CREATE INDEX crew_mission_idx ON ${SCHEMA}${TABLE} (mission_id);
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
${DROP_CREW_INDEX};
${SUBQUERY_DELIMITER}
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
