ALTER TABLE events RENAME COLUMN category TO kind;
