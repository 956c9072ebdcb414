CREATE TABLE orders (
  id integer PRIMARY KEY,
  status varchar(10) NOT NULL CHECK (status IN ('open', 'closed')),
  total numeric(10,2)
);
