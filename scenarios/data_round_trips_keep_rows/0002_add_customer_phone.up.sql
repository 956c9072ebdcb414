ALTER TABLE customers ADD COLUMN phone varchar(30) NOT NULL DEFAULT '';
UPDATE customers SET phone = 'unknown';
