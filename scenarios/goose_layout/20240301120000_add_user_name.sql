-- +goose up
ALTER TABLE users ADD COLUMN name VARCHAR(80);

-- +goose down
ALTER TABLE users DROP COLUMN name;
