-- Defect: the index the up creates is never dropped.
ALTER TABLE users DROP COLUMN nickname;
