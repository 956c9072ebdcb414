-- Lua DSL: a backtracking string pattern in up() is counted against the instruction budget instead of running for hours
local function body()
    up(function(db)
        db:execute("CREATE TABLE hostile (id INTEGER)")
        local found = string.find(string.rep("a", 3000), ".-.-.-.-.-.-b")
        return found
    end)
    down(function(db) return db:execute("DROP TABLE hostile") end)
end
return require("migration").define(function()
    migration("Hostile", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
