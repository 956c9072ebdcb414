CREATE TABLE prices_old (
  id integer PRIMARY KEY,
  sku varchar(20) NOT NULL,
  amount numeric(10,2) NOT NULL
);
INSERT INTO prices_old (id, sku, amount) SELECT id, sku, amount FROM prices;
DROP TABLE prices;
ALTER TABLE prices_old RENAME TO prices;
