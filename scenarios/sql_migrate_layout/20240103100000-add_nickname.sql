-- +migrate Up notransaction
ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50);

-- +migrate Down notransaction
ALTER TABLE accounts DROP COLUMN nickname;
