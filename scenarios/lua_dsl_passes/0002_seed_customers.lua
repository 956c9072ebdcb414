-- Seeds rows with bound parameters (a name with a quote and a `?` is bound, never spliced) and
-- checks them in after(), inside the same transaction. Identical on every engine.
local seed = {
    { "Ada O'Brien", "ada@example.com" },
    { "Who?", "who@example.com" },
}

local function body()
    up(function(db)
        local stmt, err = db:prepare("INSERT INTO customers (name, email) VALUES (?, ?)")
        if not stmt then return nil, err end
        for _, row in ipairs(seed) do
            local _, e = stmt:execute(row)
            if e then return nil, e end
        end
    end)
    after(function(db)
        local rows, err = db:query("SELECT name FROM customers WHERE email = ?", { "ada@example.com" })
        if not rows then return nil, err end
        if #rows ~= 1 or rows[1].name ~= "Ada O'Brien" then error("seed check failed") end
    end)
    down(function(db)
        for _, row in ipairs(seed) do
            local r, e = db:execute("DELETE FROM customers WHERE email = ?", { row[2] })
            if e then return nil, e end
        end
    end)
end

return require("migration").define(function()
    migration("Seed customers", function()
        for _, engine in ipairs({ "sqlite", "postgres", "mariadb" }) do database(engine, body) end
    end)
end)
