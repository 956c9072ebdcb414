ALTER TABLE customers DROP COLUMN phone;
