-- A design's own Helium library written to the shapes of the public Acuranzo library
-- (docs/HELIUM.md "Exact shapes"): the shared boilerplate lives here as fields, the engine modules
-- hold the types and wrappers, replace_query expands ${…} and encodes [=[ … ]=] blocks, and
-- run_migration joins the queries. Crucible's tests run the shop design with this library and
-- with the built-in one and expect the same verdicts.
local base64 = require("base64")

local database = {
  query_dialects = { postgresql = 1, sqlite = 2, mysql = 3, db2 = 4 },

  queries_insert = [[
    query_id, query_ref, query_status_a27, query_type_a28, query_dialect_a30, query_queue_a58,
    query_timeout, code, name, summary, collection,
    valid_after, valid_until, created_id, created_at, updated_id, updated_at
  ]],

  -- Every definition ends with a comma, the last one too: designs follow it with ${PRIMARY}(…).
  common_create = [[
    valid_after   ${TIMESTAMP_TZ}          ,
    valid_until   ${TIMESTAMP_TZ}          ,
    created_id    ${INTEGER}       NOT NULL,
    created_at    ${TIMESTAMP_TZ}  NOT NULL,
    updated_id    ${INTEGER}       NOT NULL,
    updated_at    ${TIMESTAMP_TZ}  NOT NULL,
  ]],

  -- The tail of a select list: SELECT …, ${COMMON_INSERT} FROM next_query_id.
  common_insert = [[
    NULL    AS valid_after,
    NULL    AS valid_until,
    0       AS created_id,
    ${NOW}  AS created_at,
    0       AS updated_id,
    ${NOW}  AS updated_at
  ]],

  common_fields = [[valid_after, valid_until, created_id, created_at, updated_id, updated_at]],
  common_values = [[NULL, NULL, 0, ${NOW}, 0, ${NOW}]],

  defaults = {
    sqlite = require("database_sqlite"),
    postgresql = require("database_postgresql"),
    mysql = require("database_mysql"),
  },
}

local function audit_column(name, datatype, nullable)
  return string.format([[
    { "name": "%s", "datatype": "%s", "nullable": %s,
      "primary_key": false, "unique": false, "standard": true }]], name, datatype, tostring(nullable))
end

database.common_diagram = table.concat({
  audit_column("valid_after", "${TIMESTAMP_TZ}", true),
  audit_column("valid_until", "${TIMESTAMP_TZ}", true),
  audit_column("created_id", "${INTEGER}", false),
  audit_column("created_at", "${TIMESTAMP_TZ}", false),
  audit_column("updated_id", "${INTEGER}", false),
  audit_column("updated_at", "${TIMESTAMP_TZ}", false),
}, ",\n")

local function expand(sql, cfg)
  for _ = 1, 6 do
    sql = sql:gsub("%${([%w_]+)}", function(name)
      local value = cfg[name]
      if value == nil then value = os.getenv(name) end
      return value ~= nil and tostring(value) or nil
    end)
    if not sql:find("${", 1, true) then break end
  end
  return sql
end

-- [=[ … ]=] blocks become literals the database decodes; over 1 KB they are Brotli first.
-- Highest level first, as the real library: nested blocks are encoded inside out.
local function encode_blocks(sql, cfg)
  for level = 5, 1, -1 do
    local eq = string.rep("=", level)
    sql = sql:gsub("%[" .. eq .. "%[(.-)%]" .. eq .. "%]", function(body)
      if #body > 1024 and cfg.COMPRESS_START then
        local packed = require("brotli").compress(body)
        return cfg.COMPRESS_START .. "'" .. base64.encode(packed) .. "'" .. cfg.COMPRESS_END
      end
      -- As the real library: without BASE64_START/END the literal stays bare.
      if not cfg.BASE64_START then return "'" .. base64.encode(body) .. "'" end
      return cfg.BASE64_START .. "'" .. base64.encode(body) .. "'" .. cfg.BASE64_END
    end)
  end
  return sql
end

function database:replace_query(template, engine, design_name, schema_name)
  local cfg = self.defaults[engine]
  if not cfg then error("Unsupported engine: " .. engine .. " / " .. design_name) end
  cfg.SUBQUERY_DELIMITER = "-- SUBQUERY DELIMITER"
  cfg.SCHEMA = (schema_name and schema_name ~= "") and (schema_name .. ".") or ""
  cfg.QUERIES = "queries"
  cfg.TIMEOUT = "5000"
  cfg.DIALECT = self.query_dialects[engine]
  cfg.QUERIES_INSERT = self.queries_insert
  cfg.COMMON_CREATE = self.common_create
  cfg.COMMON_INSERT = self.common_insert
  cfg.COMMON_FIELDS = self.common_fields
  cfg.COMMON_VALUES = self.common_values
  cfg.COMMON_DIAGRAM = self.common_diagram
  cfg.STATUS_INACTIVE, cfg.STATUS_ACTIVE = 0, 1
  cfg.TYPE_FORWARD_MIGRATION, cfg.TYPE_REVERSE_MIGRATION = 1000, 1001
  cfg.TYPE_DIAGRAM_MIGRATION, cfg.TYPE_APPLIED_MIGRATION = 1002, 1003
  cfg.QTC_SLOW, cfg.QTC_MEDIUM, cfg.QTC_FAST, cfg.QTC_CACHED = 0, 1, 2, 3
  return expand(encode_blocks(expand(template, cfg), cfg), cfg)
end

function database:run_migration(queries, engine, design_name, schema_name)
  local out = {}
  for _, q in ipairs(queries) do
    if q and q.sql then out[#out + 1] = self:replace_query(q.sql, engine, design_name, schema_name) end
  end
  return table.concat(out, "\n-- QUERY DELIMITER\n") .. "\n"
end

return database
