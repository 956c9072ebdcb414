ALTER TABLE counters ADD COLUMN settings JSONB;
