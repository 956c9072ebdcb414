-- SQLite changes a column type by rebuilding the table.
CREATE TABLE prices_new (
  id integer PRIMARY KEY,
  sku varchar(20) NOT NULL,
  amount integer NOT NULL
);
INSERT INTO prices_new (id, sku, amount) SELECT id, sku, CAST(amount AS integer) FROM prices;
DROP TABLE prices;
ALTER TABLE prices_new RENAME TO prices;
