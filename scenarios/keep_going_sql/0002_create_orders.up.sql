-- Orders belong to users.
CREATE TABLE orders (
    id      INTEGER NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL
);

CREATE INDX orders_user_idx ON orders (user_id);
