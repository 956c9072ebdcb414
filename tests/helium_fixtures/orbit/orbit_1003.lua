-- orbit_1003: a public report query whose text is long (over 1 KB: Brotli-compressed by the
-- design's database.lua, through the transport shim on servers without Brotli).
return function(engine, design_name, schema_name, cfg)
  local queries = {}
  cfg.MIGRATION = "1003"

  -- A long, generated report: one UNION ALL branch per status, the way report queries grow.
  local branches = {}
  for status = 1, 24 do
    branches[#branches + 1] = string.format(
      "SELECT %d AS status_code, m.mission_id, m.mission_name, COUNT(c.crew_id) AS crew_count " ..
      "FROM missions m LEFT JOIN crew c ON c.mission_id = m.mission_id " ..
      "WHERE m.mission_id %% 24 = %d GROUP BY m.mission_id, m.mission_name", status, status - 1)
  end
  cfg.REPORT_SQL = table.concat(branches, "\nUNION ALL\n")
  cfg.REPORT_NAME = os.date("!Mission report (%Y)", 0)  -- a fixed date: the epoch

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
[=[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_PUBLIC}, ${DIALECT},
       ${QTC_FAST}, ${TIMEOUT}, '${REPORT_SQL}', '${REPORT_NAME}', NULL, NULL, ${COMMON_VALUES}
FROM ${SCHEMA}${QUERIES};
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES}
   SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
]=], 'Register the mission report', 'Forward', NULL, ${COMMON_VALUES}
FROM ${SCHEMA}${QUERIES}
]] })

  table.insert(queries, { sql = [[
INSERT INTO ${SCHEMA}${QUERIES} (${QUERIES_INSERT})
SELECT COALESCE(MAX(query_id), 0) + 1, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_REVERSE_MIGRATION},
       ${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},
[=[
DELETE FROM ${SCHEMA}${QUERIES} WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_PUBLIC};
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES}
   SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
]=], 'Unregister the mission report', 'Reverse', NULL, ${COMMON_VALUES}
FROM ${SCHEMA}${QUERIES}
]] })
  return queries
end
