INSERT INTO order_lines (order_id, line, sku, quantity, remark)
  SELECT order_id, line, sku, quantity, remark FROM shipped_lines;
DROP TABLE shipped_lines;
