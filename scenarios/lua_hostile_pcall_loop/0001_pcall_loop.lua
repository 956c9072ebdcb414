-- Lua DSL: an endless loop inside pcall in up() cannot catch the instruction budget: a forward error at file:line, rolled back
local function body()
    up(function(db)
        db:execute("CREATE TABLE hostile (id INTEGER)")
        while true do pcall(function() while true do end end) end
    end)
    down(function(db) return db:execute("DROP TABLE hostile") end)
end
return require("migration").define(function()
    migration("Hostile", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
