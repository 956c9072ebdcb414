ALTER TABLE contacts DROP COLUMN email;
