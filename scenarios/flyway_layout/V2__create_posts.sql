CREATE TABLE posts (
    id        INTEGER      NOT NULL PRIMARY KEY,
    author_id INTEGER      NOT NULL,
    title     VARCHAR(200) NOT NULL,
    CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE
);
