-- SQLite appends the column's text to the stored CREATE TABLE; the down cuts it out again.
ALTER TABLE events ADD COLUMN source VARCHAR(40) NOT NULL DEFAULT 'web';
