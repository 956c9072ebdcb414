-- Defect: the key was ON DELETE CASCADE before this migration; without an action it is now
-- NO ACTION, and deleting an author with books fails instead of deleting the books.
ALTER TABLE books DROP CONSTRAINT books_author_fk;
ALTER TABLE books ADD CONSTRAINT books_author_fk
    FOREIGN KEY (author_id) REFERENCES authors (id);
