-- Used by MariaDB too: there is no 0001_create_counters.mariadb.up.sql.
CREATE TABLE counters (
    id    BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name  VARCHAR(80) NOT NULL,
    value BIGINT      NOT NULL DEFAULT 0
);
