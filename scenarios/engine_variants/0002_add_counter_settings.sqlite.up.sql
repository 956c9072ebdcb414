-- A column-level CHECK goes away with its column, so DROP COLUMN works in the down.
ALTER TABLE counters ADD COLUMN settings TEXT CHECK (json_valid(settings));
