-- +migrate Up
CREATE TABLE accounts (
  id INTEGER NOT NULL PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  logins INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit (
  account_id INTEGER NOT NULL,
  note VARCHAR(100) NOT NULL
);

-- +migrate Down
DROP TABLE audit;
DROP TABLE accounts;
