-- +migrate Up
-- +migrate StatementBegin
-- Real projects wrap whole files in one block; on MySQL and MariaDB the driver's
-- multiStatements runs them one by one.
CREATE TABLE sessions (
  id INTEGER NOT NULL PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id)
);

CREATE INDEX sessions_account_idx ON sessions (account_id);
-- +migrate StatementEnd

-- +migrate Down
DROP TABLE sessions;
