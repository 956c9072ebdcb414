-- MySQL and MariaDB have no partial indexes: index the flag first instead, which serves the same
-- "active products by name" query at the cost of indexing inactive rows too.
CREATE INDEX products_active_name_idx ON products (active, name);
