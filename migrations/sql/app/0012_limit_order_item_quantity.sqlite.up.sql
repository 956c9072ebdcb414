-- SQLite has no ALTER TABLE ... ADD CONSTRAINT: rebuild the table with the new CHECK
-- (https://www.sqlite.org/lang_altertable.html#otheralter). The view reading order_items must
-- go while the table is swapped, or the RENAME fails with "error in view order_totals".
-- Nothing references order_items, so the swap is safe with foreign keys enforced.
DROP VIEW order_totals;
CREATE TABLE order_items_new (
    order_id         BIGINT  NOT NULL,
    product_id       BIGINT  NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    CONSTRAINT order_items_pkey PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id)
        REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id)
        REFERENCES products (id) ON DELETE RESTRICT,
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
    CONSTRAINT order_items_quantity_max CHECK (quantity <= 1000)
);
INSERT INTO order_items_new (order_id, product_id, quantity, unit_price_cents)
    SELECT order_id, product_id, quantity, unit_price_cents FROM order_items;
DROP TABLE order_items;
ALTER TABLE order_items_new RENAME TO order_items;
CREATE VIEW order_totals AS
SELECT o.id AS order_id,
       o.customer_id,
       COUNT(i.product_id) AS item_count,
       COALESCE(SUM(i.quantity * i.unit_price_cents), 0) AS total_cents
FROM orders o
LEFT JOIN order_items i ON i.order_id = o.id
GROUP BY o.id, o.customer_id;
