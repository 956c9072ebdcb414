ALTER TABLE books ADD CONSTRAINT books_author_fk
    FOREIGN KEY (author_id) REFERENCES people (id);
