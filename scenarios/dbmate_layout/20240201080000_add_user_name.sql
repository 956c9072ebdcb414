-- migrate:up transaction:false
-- dbmate's own marker for running outside a transaction; harmless for these statements.
ALTER TABLE users ADD COLUMN display_name VARCHAR(80);

-- migrate:down transaction:false
ALTER TABLE users DROP COLUMN display_name;
