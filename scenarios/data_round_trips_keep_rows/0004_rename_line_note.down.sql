ALTER TABLE order_lines RENAME COLUMN remark TO note;
