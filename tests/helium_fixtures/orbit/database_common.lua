-- Macros every engine shares; each database_<engine>.lua copies them and overrides.
local common = {}

common.defaults = {
  QUERIES = "queries",
  QUERIES_INSERT = "query_id, query_ref, query_status_a27, query_type_a28, query_dialect_a30, "
    .. "query_queue_a58, query_timeout, code, name, summary, collection, ${COMMON_FIELDS}",
  SUBQUERY_DELIMITER = "-- SUBQUERY DELIMITER",
  COMMON_CREATE = "valid_after ${TIMESTAMP_TZ}, valid_until ${TIMESTAMP_TZ}, "
    .. "created_id ${INTEGER} NOT NULL, created_at ${TIMESTAMP_TZ} NOT NULL, "
    .. "updated_id ${INTEGER} NOT NULL, updated_at ${TIMESTAMP_TZ} NOT NULL,",
  -- The real library's shapes: COMMON_CREATE ends with a comma, COMMON_INSERT is a select list.
  COMMON_FIELDS = "valid_after, valid_until, created_id, created_at, updated_id, updated_at",
  COMMON_INSERT = "NULL AS valid_after, NULL AS valid_until, 0 AS created_id, ${NOW} AS created_at, "
    .. "0 AS updated_id, ${NOW} AS updated_at",
  COMMON_VALUES = "NULL, NULL, 0, ${NOW}, 0, ${NOW}",
  STATUS_INACTIVE = 0, STATUS_ACTIVE = 1,
  TYPE_SQL = 1, TYPE_PUBLIC = 10,
  TYPE_FORWARD_MIGRATION = 1000, TYPE_REVERSE_MIGRATION = 1001,
  TYPE_DIAGRAM_MIGRATION = 1002, TYPE_APPLIED_MIGRATION = 1003,
  QTC_SLOW = 0, QTC_MEDIUM = 1, QTC_FAST = 2, QTC_CACHED = 3,
  TIMEOUT = 5000,
  PRIMARY = "PRIMARY KEY", UNIQUE = "UNIQUE",
  VARCHAR_20 = "VARCHAR(20)", VARCHAR_50 = "VARCHAR(50)", VARCHAR_100 = "VARCHAR(100)",
  VARCHAR_128 = "VARCHAR(128)", VARCHAR_500 = "VARCHAR(500)",
  JIS = "${JSON_INGEST_START}", JIE = "${JSON_INGEST_END}",
  JSON_INGEST_START = "(", JSON_INGEST_END = ")",
}

-- A diagram column as JSON; the diagram macros of the files build on it.
function common.column(name, datatype, nullable, primary, unique)
  return string.format('{"name":%q,"datatype":%q,"nullable":%s,"primary_key":%s,"unique":%s}',
    name, datatype, tostring(nullable), tostring(primary or false), tostring(unique or false))
end

function common.engine(overrides)
  local cfg = setmetatable({}, { __index = common.defaults })
  for key, value in pairs(overrides) do cfg[key] = value end
  cfg.COMMON_DIAGRAM = table.concat({
    common.column("valid_after", "TIMESTAMP_TZ", true),
    common.column("valid_until", "TIMESTAMP_TZ", true),
    common.column("created_id", "INTEGER", false),
    common.column("created_at", "TIMESTAMP_TZ", false),
    common.column("updated_id", "INTEGER", false),
    common.column("updated_at", "TIMESTAMP_TZ", false),
  }, ","):gsub('"unique":false}', '"unique":false,"standard":true}')
  cfg.column = common.column
  return cfg
end

return common
