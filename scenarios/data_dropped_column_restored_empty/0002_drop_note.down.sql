-- The column comes back, the schema round-trips, but every note is gone.
ALTER TABLE notes ADD COLUMN note text;
