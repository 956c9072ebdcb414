-- migrate:up
CREATE TABLE users (
    id    INTEGER      NOT NULL PRIMARY KEY,
    email VARCHAR(254) NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);

-- migrate:down
DROP TABLE users;
