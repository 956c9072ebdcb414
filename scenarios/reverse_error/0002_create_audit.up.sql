CREATE TABLE audit_log (
    id      INTEGER      NOT NULL PRIMARY KEY,
    message VARCHAR(200) NOT NULL
);
CREATE TABLE audit_archive (
    id      INTEGER      NOT NULL PRIMARY KEY,
    message VARCHAR(200) NOT NULL
);
