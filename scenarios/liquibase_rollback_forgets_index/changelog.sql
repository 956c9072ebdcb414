--liquibase formatted sql

--changeset dee:create-orders
CREATE TABLE lb_orders (
    id          INTEGER NOT NULL PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    total_cents INTEGER NOT NULL
);
--rollback DROP TABLE lb_orders;

--changeset dee:orders-by-customer
ALTER TABLE lb_orders ADD COLUMN note VARCHAR(200);
CREATE INDEX lb_orders_customer_idx ON lb_orders (customer_id);
-- Defect: the rollback drops the column but forgets the index.
--rollback ALTER TABLE lb_orders DROP COLUMN note;
