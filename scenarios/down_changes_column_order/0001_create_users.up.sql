CREATE TABLE users (
    id       INTEGER      NOT NULL PRIMARY KEY,
    name     VARCHAR(80)  NOT NULL,
    nickname VARCHAR(40),
    email    VARCHAR(254) NOT NULL
);
