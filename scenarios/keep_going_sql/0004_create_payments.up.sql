CREATE TABLE payments (
    id       INTEGER NOT NULL PRIMARY KEY,
    order_id INTEGER NOT NULL
);
