local function body()
    up(function(db) return db:execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, label VARCHAR(50))") end)
    down(function(db) return db:execute("DROP TABLE tags") end)
end
return require("migration").define(function()
    migration("Add tags", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
