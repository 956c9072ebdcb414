-- SQLite: rebuild the table without the key.
CREATE TABLE books_new (
    id        INTEGER      NOT NULL PRIMARY KEY,
    title     VARCHAR(200) NOT NULL,
    author_id INTEGER,
    editor_id INTEGER
);
INSERT INTO books_new (id, title, author_id, editor_id)
    SELECT id, title, author_id, editor_id FROM books;
DROP TABLE books;
ALTER TABLE books_new RENAME TO books;
