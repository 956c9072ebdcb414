ALTER TABLE books DROP CONSTRAINT books_author_fk;
ALTER TABLE books ADD CONSTRAINT books_author_fk
    FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE SET NULL;
