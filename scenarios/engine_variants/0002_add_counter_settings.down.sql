ALTER TABLE counters DROP COLUMN settings;
