DROP INDEX orders_shipped_at_idx;
ALTER TABLE orders DROP COLUMN shipped_at;
