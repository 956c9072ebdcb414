-- The down forgets the index the up created.
local function body()
    up(function(db) return db:execute("CREATE INDEX customers_name_idx ON customers (name)") end)
    down(function(db) end)  -- should drop customers_name_idx
end
return require("migration").define(function()
    migration("Index customer names", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
