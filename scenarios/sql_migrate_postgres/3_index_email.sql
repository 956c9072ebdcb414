-- +migrate Up notransaction
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);

-- +migrate Down notransaction
DROP INDEX CONCURRENTLY accounts_email_idx;
