-- Drops the new column; the addresses stay lower-cased.
ALTER TABLE users DROP COLUMN email_checked;
