-- +goose Up
ALTER TABLE orders ADD COLUMN note VARCHAR(200);
-- +goose Down
ALTER TABLE orders DROP COLUMN note;
