CREATE TABLE products (
    id          INTEGER      PRIMARY KEY,
    sku         VARCHAR(32)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    price_cents INTEGER      NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_price_check CHECK (price_cents >= 0)
);
