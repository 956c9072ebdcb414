-- Changing a column's type rewrites the whole table under an ACCESS EXCLUSIVE lock: every
-- reader and writer of accounts waits until it is done. Time grows linearly with the rows.
ALTER TABLE accounts ALTER COLUMN balance TYPE BIGINT;
