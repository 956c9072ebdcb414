-- Only SQLite has a block: every other engine skips this migration.
return require("migration").define(function()
    migration("SQLite-only pragma table", function()
        database("sqlite", function()
            up(function(db) return db:execute("CREATE TABLE settings (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID") end)
            down(function(db) return db:execute("DROP TABLE settings") end)
        end)
    end)
end)
