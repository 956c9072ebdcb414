CREATE TABLE payments (
    id       INTEGER NOT NULL PRIMARY KEY,
    user_id  INTEGER NOT NULL
);
