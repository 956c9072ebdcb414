CREATE TABLE customers (
  id integer PRIMARY KEY,
  email varchar(120) NOT NULL UNIQUE,
  name varchar(50) NOT NULL,
  born date,
  vip boolean NOT NULL DEFAULT FALSE,
  referred_by integer REFERENCES customers (id)
);
CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  placed_at timestamp NOT NULL,
  total numeric(10,2) NOT NULL CHECK (total >= 0),
  weight double precision,
  status varchar(10) NOT NULL CHECK (status IN ('open', 'paid', 'shipped'))
);
CREATE TABLE order_lines (
  order_id integer NOT NULL REFERENCES orders (id),
  line integer NOT NULL,
  sku char(8) NOT NULL,
  quantity smallint NOT NULL CHECK (quantity > 0),
  note text,
  PRIMARY KEY (order_id, line)
);
