-- Done right: drop the key, then the index MySQL / MariaDB created for it.
ALTER TABLE books DROP FOREIGN KEY books_editor_fk;
DROP INDEX books_editor_fk ON books;
