ALTER TABLE books ADD CONSTRAINT books_editor_fk
    FOREIGN KEY (editor_id) REFERENCES people (id);
