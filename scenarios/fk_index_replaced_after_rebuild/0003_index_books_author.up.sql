-- On MariaDB this index silently replaces the one the foreign key made for itself.
CREATE INDEX books_author_idx ON books (author_id);
