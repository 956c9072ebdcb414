-- SQLite: an INTEGER PRIMARY KEY column is the rowid, numbered automatically.
CREATE TABLE customers (
    id         INTEGER      PRIMARY KEY,
    email      VARCHAR(254) NOT NULL,
    name       VARCHAR(120) NOT NULL,
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT customers_email_key UNIQUE (email)
);
