ALTER TABLE cities ALTER COLUMN name TYPE varchar(60);
