ALTER TABLE posts DROP COLUMN published;
