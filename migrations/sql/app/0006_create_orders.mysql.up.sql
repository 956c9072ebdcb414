-- The composite index is declared with the table so that the foreign key uses it; a separate
-- CREATE INDEX afterwards would leave MySQL / MariaDB an implicit orders_customer_fk index to
-- drop silently.
CREATE TABLE orders (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    customer_id BIGINT      NOT NULL,
    status      VARCHAR(16) NOT NULL DEFAULT 'pending',
    placed_at   TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    INDEX orders_customer_placed_idx (customer_id, placed_at),
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)
        REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT orders_status_check
        CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled'))
);
