CREATE TABLE tickets (
    id     INTEGER      NOT NULL PRIMARY KEY,
    title  VARCHAR(200) NOT NULL,
    status VARCHAR(16)  NOT NULL DEFAULT 'new'
);
