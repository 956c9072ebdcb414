-- PostgreSQL refuses CREATE INDEX CONCURRENTLY and VACUUM in a transaction: NO TRANSACTION must be honoured.
-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);
VACUUM ANALYZE accounts;

-- +goose Down
DROP INDEX CONCURRENTLY accounts_name;
