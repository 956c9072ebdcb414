-- Defect: ADD COLUMN appends, so nickname comes back after email instead of before it, which
-- changes SELECT * and INSERT ... VALUES for every client.
ALTER TABLE users ADD COLUMN nickname VARCHAR(40);
