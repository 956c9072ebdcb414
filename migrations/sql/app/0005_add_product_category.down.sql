ALTER TABLE products DROP CONSTRAINT products_category_fk;
DROP INDEX products_category_idx;
ALTER TABLE products DROP COLUMN category_code;
