DROP INDEX orders_shipped_at_idx ON orders;
ALTER TABLE orders DROP COLUMN shipped_at;
