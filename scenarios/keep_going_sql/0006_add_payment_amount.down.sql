ALTER TABLE payments DROP COLUMN amount;
