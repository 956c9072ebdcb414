local function define_migration()
    migration("Add tags", function()
        for _, engine in ipairs({"sqlite", "postgres", "mariadb"}) do
            database(engine, function()
                up(function(db)
                    return db:execute("CREATE TABLE tags (id INTEGER NOT NULL PRIMARY KEY)")
                end)
                down(function(db) return db:execute("DROP TABLE tags") end)
            end)
        end
    end)
end
return require("migration").define(define_migration)
