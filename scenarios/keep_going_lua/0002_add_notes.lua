-- A Lua error after the first statement: the migration is rolled back where DDL is transactional.
local function body()
    up(function(db)
        local _, err = db:execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        if err then return nil, err end
        local missing = nil
        return missing.field  -- line 7: attempt to index a nil value
    end)
    down(function(db) return db:execute("DROP TABLE notes") end)
end
return require("migration").define(function()
    migration("Add notes", function()
        database("sqlite", body) database("postgres", body) database("mariadb", body)
    end)
end)
