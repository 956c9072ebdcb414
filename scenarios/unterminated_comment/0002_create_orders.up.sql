-- Orders belong to users.
CREATE TABLE orders (
    id      INTEGER NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL
);
/* The index and the audit table below never ran, yet every engine reported ok.
CREATE INDEX orders_user_idx ON orders (user_id);
CREATE TABLE order_audit (id INTEGER NOT NULL PRIMARY KEY);
