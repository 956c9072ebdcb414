CREATE TABLE prices (
  id integer PRIMARY KEY,
  sku varchar(20) NOT NULL,
  amount numeric(10,2) NOT NULL
);
