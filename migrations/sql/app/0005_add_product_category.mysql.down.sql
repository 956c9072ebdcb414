-- MySQL / MariaDB name the table in DROP INDEX, and drop a foreign key with DROP FOREIGN KEY.
ALTER TABLE products DROP FOREIGN KEY products_category_fk;
DROP INDEX products_category_idx ON products;
ALTER TABLE products DROP COLUMN category_code;
