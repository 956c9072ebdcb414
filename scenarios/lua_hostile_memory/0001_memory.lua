-- Lua DSL: up() allocating without end stops at the 1 GiB memory limit with an error naming the file
local function body()
    up(function(db)
        db:execute("CREATE TABLE hostile (id INTEGER)")
        local t = {}
        for i = 1, 1e9 do t[i] = string.rep("x", 2^26) .. i end
    end)
    down(function(db) return db:execute("DROP TABLE hostile") end)
end
return require("migration").define(function()
    migration("Hostile", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
