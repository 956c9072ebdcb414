local function body()
    up(function(db) return db:execute("ALTER TABLE tags ADD COLUMN color VARCHAR(20)") end)
    down(function(db) return db:execute("ALTER TABLE tags DROP COLUMN color") end)
end
return require("migration").define(function()
    migration("Add tag color", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
