ALTER TABLE books DROP CONSTRAINT books_editor_fk;
