CREATE TABLE orders (
    id          INTEGER     PRIMARY KEY,
    customer_id INTEGER     NOT NULL,
    status      VARCHAR(16) NOT NULL DEFAULT 'pending',
    placed_at   TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)
        REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT orders_status_check
        CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled'))
);
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at);
