-- SQLite cannot alter a foreign key: rebuild the table.
CREATE TABLE books_new (
    id        INTEGER      NOT NULL PRIMARY KEY,
    title     VARCHAR(200) NOT NULL,
    author_id INTEGER,
    CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE SET NULL
);
INSERT INTO books_new (id, title, author_id) SELECT id, title, author_id FROM books;
DROP TABLE books;
ALTER TABLE books_new RENAME TO books;
