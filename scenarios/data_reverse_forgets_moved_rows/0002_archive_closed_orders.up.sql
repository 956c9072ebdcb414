CREATE TABLE orders_archive (
  id integer PRIMARY KEY,
  status varchar(10) NOT NULL,
  total numeric(10,2)
);
INSERT INTO orders_archive (id, status, total) SELECT id, status, total FROM orders WHERE status = 'closed';
DELETE FROM orders WHERE status = 'closed';
