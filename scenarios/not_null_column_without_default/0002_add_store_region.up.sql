-- A NOT NULL column without a default, on a table that already has rows.
ALTER TABLE stores ADD COLUMN region VARCHAR(8) NOT NULL;
