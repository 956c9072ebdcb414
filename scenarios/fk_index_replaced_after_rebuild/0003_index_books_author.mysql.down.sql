-- The foreign key now needs this index, so MariaDB refuses to drop it (error 1553).
DROP INDEX books_author_idx ON books;
