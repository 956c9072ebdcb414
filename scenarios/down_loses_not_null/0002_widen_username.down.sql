-- Not a defect on PostgreSQL: ALTER COLUMN ... TYPE keeps the column's NOT NULL.
ALTER TABLE accounts ALTER COLUMN username TYPE VARCHAR(40);
