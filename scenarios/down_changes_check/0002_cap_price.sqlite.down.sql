-- Defect: the check was price >= 0; free products are now rejected.
CREATE TABLE products_new (
    id    INTEGER      NOT NULL PRIMARY KEY,
    name  VARCHAR(200) NOT NULL,
    price INTEGER      NOT NULL,
    CONSTRAINT products_price_check CHECK (price > 0)
);
INSERT INTO products_new (id, name, price) SELECT id, name, price FROM products;
DROP TABLE products;
ALTER TABLE products_new RENAME TO products;
