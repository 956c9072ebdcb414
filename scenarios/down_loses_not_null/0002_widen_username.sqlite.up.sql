-- SQLite cannot change a column type in place: rebuild the table.
CREATE TABLE accounts_new (
    id       INTEGER     NOT NULL PRIMARY KEY,
    username VARCHAR(80) NOT NULL,
    email    VARCHAR(254)
);
INSERT INTO accounts_new (id, username, email) SELECT id, username, email FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
