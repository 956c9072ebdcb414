CREATE TABLE counters (
    id    INTEGER     PRIMARY KEY,
    name  VARCHAR(80) NOT NULL,
    value BIGINT      NOT NULL DEFAULT 0
);
