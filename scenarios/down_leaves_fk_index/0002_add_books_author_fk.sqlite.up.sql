-- SQLite has no ALTER TABLE ... ADD CONSTRAINT: rebuild the table with the key.
CREATE TABLE books_new (
    id        INTEGER      NOT NULL PRIMARY KEY,
    title     VARCHAR(200) NOT NULL,
    author_id INTEGER,
    editor_id INTEGER,
    CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES people (id)
);
INSERT INTO books_new (id, title, author_id, editor_id)
    SELECT id, title, author_id, editor_id FROM books;
DROP TABLE books;
ALTER TABLE books_new RENAME TO books;
