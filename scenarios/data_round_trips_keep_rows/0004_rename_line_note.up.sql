ALTER TABLE order_lines RENAME COLUMN note TO remark;
