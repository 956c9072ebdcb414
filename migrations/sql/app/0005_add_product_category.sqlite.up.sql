-- SQLite has no ALTER TABLE ... ADD CONSTRAINT: the foreign key goes on the new column itself.
ALTER TABLE products ADD COLUMN category_code VARCHAR(32)
    CONSTRAINT products_category_fk REFERENCES categories (code)
    ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX products_category_idx ON products (category_code);
