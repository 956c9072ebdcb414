CREATE TABLE shipped_lines (
  order_id integer NOT NULL,
  line integer NOT NULL,
  sku char(8) NOT NULL,
  quantity smallint NOT NULL,
  remark text,
  PRIMARY KEY (order_id, line)
);
INSERT INTO shipped_lines (order_id, line, sku, quantity, remark)
  SELECT order_id, line, sku, quantity, remark FROM order_lines
  WHERE order_id IN (SELECT id FROM orders WHERE status = 'shipped');
DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE status = 'shipped');
