-- Runs everywhere again: a migration skipped for lack of a script does not block the next.
ALTER TABLE counters ADD COLUMN note VARCHAR(200);
