-- The note column moves to a document store; the schema forgets it.
ALTER TABLE notes DROP COLUMN note;
