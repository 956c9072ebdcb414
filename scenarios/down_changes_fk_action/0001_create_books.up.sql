CREATE TABLE authors (
    id   INTEGER      NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);
CREATE TABLE books (
    id        INTEGER      NOT NULL PRIMARY KEY,
    title     VARCHAR(200) NOT NULL,
    author_id INTEGER,
    CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE
);
