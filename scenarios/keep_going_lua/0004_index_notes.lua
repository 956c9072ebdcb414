-- Needs the table 0002 failed to create: with 0002 left out (rolled back, or rebuilt without it
-- on MariaDB, where its CREATE TABLE had committed) this forward fails too.
local function body()
    up(function(db) return db:execute("CREATE INDEX notes_id_idx ON notes (id)") end)
    down(function(db) return db:execute("DROP INDEX notes_id_idx") end)
end
return require("migration").define(function()
    migration("Index notes", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
