-- Defect (the classic MySQL one): MODIFY restates the whole column, and without NOT NULL the
-- column becomes nullable.
ALTER TABLE accounts MODIFY username VARCHAR(40);
