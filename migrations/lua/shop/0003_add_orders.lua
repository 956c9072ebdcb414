-- Orders with a foreign key and an index; the down drops both.
local ddl = {
    sqlite = [[CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), total NUMERIC(10,2) NOT NULL DEFAULT 0)]],
    postgres = [[CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), total NUMERIC(10,2) NOT NULL DEFAULT 0)]],
    mariadb = [[CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(10,2) NOT NULL DEFAULT 0, CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))]],
}

return require("migration").define(function()
    migration("Add orders", function()
        for engine, create in pairs(ddl) do
            database(engine, function()
                up(function(db)
                    local _, err = db:execute(create)
                    if err then return nil, err end
                    return db:execute("CREATE INDEX orders_customer_idx ON orders (customer_id)")
                end)
                down(function(db)
                    if engine == "mariadb" then
                        -- the index backs the foreign key on MariaDB: drop the table, which takes both
                        return db:execute("DROP TABLE orders")
                    end
                    local _, err = db:execute("DROP INDEX orders_customer_idx")
                    if err then return nil, err end
                    return db:execute("DROP TABLE orders")
                end)
            end)
        end
    end)
end)
