-- Users: the same table on every engine.
local function define_migration()
    migration("Create users", function()
        for _, engine in ipairs({"sqlite", "postgres", "mariadb"}) do
            database(engine, function()
                up(function(db)
                    return db:execute("CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY)")
                end)
                down(function(db) return db:execute("DROP TABLE users") end)
            end)
        end
    end)
end
return require("migration").define(define_migration)
