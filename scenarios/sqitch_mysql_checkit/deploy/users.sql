-- Deploy flipr:users to mysql

BEGIN;

CREATE TABLE users (
    nickname  VARCHAR(512) PRIMARY KEY,
    password  VARCHAR(512) NOT NULL
);

COMMIT;
