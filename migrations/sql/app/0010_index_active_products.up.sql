-- A partial index: the storefront only ever lists active products by name.
CREATE INDEX products_active_name_idx ON products (name) WHERE active;
