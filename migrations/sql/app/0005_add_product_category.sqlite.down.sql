-- A column-level foreign key goes away with its column (SQLite 3.35+); the index must go first.
DROP INDEX products_category_idx;
ALTER TABLE products DROP COLUMN category_code;
