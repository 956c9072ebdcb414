-- MySQL / MariaDB: AUTO_INCREMENT numbers the customers.
CREATE TABLE customers (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    email      VARCHAR(254) NOT NULL,
    name       VARCHAR(120) NOT NULL,
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT customers_pkey PRIMARY KEY (id),
    CONSTRAINT customers_email_key UNIQUE (email)
);
