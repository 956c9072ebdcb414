-- A comment left open inside the SQL text: SQLite ran the CREATE before it and silently
-- dropped the rest (the notes index never existed, and every check passed).
local function define_migration()
    migration("Add notes", function()
        for _, engine in ipairs({"sqlite", "postgres", "mariadb"}) do
            database(engine, function()
                up(function(db)
                    return db:execute([[CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, body VARCHAR(200))
                        /* the index comes next
                        CREATE INDEX notes_body_idx ON notes (body)]])
                end)
                down(function(db) return db:execute("DROP TABLE notes") end)
            end)
        end
    end)
end
return require("migration").define(define_migration)
