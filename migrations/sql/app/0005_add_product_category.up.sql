-- The index comes before the foreign key: MySQL and MariaDB then use it for the key instead of
-- creating (and later silently dropping) an implicit one.
ALTER TABLE products ADD COLUMN category_code VARCHAR(32);
CREATE INDEX products_category_idx ON products (category_code);
ALTER TABLE products ADD CONSTRAINT products_category_fk
    FOREIGN KEY (category_code) REFERENCES categories (code)
    ON DELETE SET NULL ON UPDATE CASCADE;
