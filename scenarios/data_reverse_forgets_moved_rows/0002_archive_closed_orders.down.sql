-- Moves the archived orders back — but only those with a positive total: orders with no
-- total, a zero or a refund (negative) stay in the archive and are dropped with it.
INSERT INTO orders (id, status, total) SELECT id, status, total FROM orders_archive WHERE total > 0;
DROP TABLE orders_archive;
