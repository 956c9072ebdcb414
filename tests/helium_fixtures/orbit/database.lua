-- database.lua: the orbit design's macro engine, written the way Helium designs write theirs.
-- The server calls database:run_migration(queries, engine, design_name, schema_name) with the
-- queries a migration file returned; the file already extended the engine's table (cfg).

local base64 = require("lib.base64")   -- pure Lua, lib/base64.lua next to this file
local brotli = require("brotli")

local database = {
  VERSION = "1.4.0",
  MAX_DEPTH = 20,          -- macros may nest this deep
  COMPRESS_OVER = 1024,    -- long-bracket blocks over 1 KB are compressed
  engines = { "postgresql", "mysql", "mariadb", "sqlite", "db2" },
}

local function config_for(engine)
  local ok, cfg = pcall(require, "database_" .. engine)
  if not ok then
    error(string.format("no macro table for engine %q: %s", engine, tostring(cfg)), 2)
  end
  return cfg
end

-- ${NAME} → cfg[NAME], then the environment. Repeated until nothing changes, so that macros
-- may contain macros.
function database.replace_macros(text, cfg)
  local depth = 0
  repeat
    local changed = 0
    text = string.gsub(text, "%${([%w_]+)}", function(name)
      local value = cfg[name]
      if value == nil then value = os.getenv(name) end
      if value == nil then return nil end   -- left for the caller to report
      changed = changed + 1
      if type(value) == "function" then value = value(cfg) end
      return tostring(value)
    end)
    depth = depth + 1
  until changed == 0 or depth > database.MAX_DEPTH
  return text
end

-- Long-bracket blocks become literals the database decodes: base64, and Brotli first when big.
function database:encode_blocks(text, cfg)
  local function encode(equals, body)
    if #body > self.COMPRESS_OVER and cfg.COMPRESS_START then
      local packed = brotli.compress(body)
      return table.concat({ cfg.COMPRESS_START, "'", base64.encode(packed), "'", cfg.COMPRESS_END })
    end
    return cfg.BASE64_START .. "'" .. base64.encode(body) .. "'" .. cfg.BASE64_END
  end
  return (text:gsub("%[(=+)%[(.-)%]%1%]", encode))
end

-- Normalises line endings and strips trailing blanks line by line (gmatch: LuaJIT yields one
-- extra empty match at the end of the text, hence the trailing newline kept below).
local function tidy(text)
  local lines = {}
  for line in string.gmatch(text, "([^\n]*)\n?") do
    lines[#lines + 1] = (line:gsub("%s+$", ""))
  end
  return table.concat(lines, "\n")
end

function database:run_migration(queries, engine, design_name, schema_name)
  local cfg = config_for(engine)
  cfg.DESIGN = design_name
  local out = {}
  for index, query in ipairs(queries) do
    if type(query) ~= "table" or type(query.sql) ~= "string" then
      error(string.format("%s: query %d has no sql text", design_name, index))
    end
    local sql = self.replace_macros(query.sql, cfg)
    sql = self:encode_blocks(sql, cfg)
    sql = self.replace_macros(sql, cfg)
    out[#out + 1] = tidy(sql)
  end
  return table.concat(out, "\n-- QUERY DELIMITER\n")
end

return database
