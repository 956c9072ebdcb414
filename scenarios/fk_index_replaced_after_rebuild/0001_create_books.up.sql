CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);

-- No index on author_id: MariaDB creates one for the foreign key, named after it.
CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    author_id INTEGER,
    CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id)
);
