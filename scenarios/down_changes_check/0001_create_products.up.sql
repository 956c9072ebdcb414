CREATE TABLE products (
    id    INTEGER      NOT NULL PRIMARY KEY,
    name  VARCHAR(200) NOT NULL,
    price INTEGER      NOT NULL,
    CONSTRAINT products_price_check CHECK (price >= 0)
);
