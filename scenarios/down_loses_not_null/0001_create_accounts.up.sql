CREATE TABLE accounts (
    id       INTEGER     NOT NULL PRIMARY KEY,
    username VARCHAR(40) NOT NULL,
    email    VARCHAR(254)
);
CREATE TABLE legacy_notes (
    id         INTEGER NOT NULL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
