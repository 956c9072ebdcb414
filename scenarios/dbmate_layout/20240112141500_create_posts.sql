-- migrate:up
CREATE TABLE posts (
    id        INTEGER      NOT NULL PRIMARY KEY,
    author_id INTEGER      NOT NULL,
    title     VARCHAR(200) NOT NULL,
    CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX posts_title_idx ON posts (title);

-- migrate:down
DROP TABLE posts;
