-- SQLite rewrites the column name inside the stored CREATE TABLE, its CHECK and the index
-- (quoting it as "category"); renaming back must compare equal to the original text.
ALTER TABLE events RENAME COLUMN kind TO category;
