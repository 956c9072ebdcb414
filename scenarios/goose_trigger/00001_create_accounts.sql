-- +goose Up
CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL);
CREATE TABLE audit (account_id INTEGER NOT NULL, note VARCHAR(80) NOT NULL);

-- +goose Down
DROP TABLE audit;
DROP TABLE accounts;
