ALTER TABLE customers ALTER COLUMN name TYPE varchar(50);
