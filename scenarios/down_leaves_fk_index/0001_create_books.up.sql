CREATE TABLE people (
    id   INTEGER      NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);
CREATE TABLE books (
    id        INTEGER      NOT NULL PRIMARY KEY,
    title     VARCHAR(200) NOT NULL,
    author_id INTEGER,
    editor_id INTEGER
);
