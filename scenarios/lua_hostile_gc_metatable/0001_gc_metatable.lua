-- Lua DSL: the db metatable is locked, so up() cannot give the db a __gc that would use it after the sandbox closes (a use-after-free)
local function body()
    up(function(db)
        getmetatable(db).__gc = function(d) d:execute("CREATE TABLE escaped (id INTEGER)") end
        return db:execute("CREATE TABLE hostile (id INTEGER)")
    end)
    down(function(db) return db:execute("DROP TABLE hostile") end)
end
return require("migration").define(function()
    migration("Hostile", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
