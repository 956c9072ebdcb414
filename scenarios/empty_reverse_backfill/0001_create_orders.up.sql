CREATE TABLE orders (
    id          INTEGER     NOT NULL PRIMARY KEY,
    customer_id INTEGER     NOT NULL,
    status      VARCHAR(16)
);
