--liquibase formatted sql

--changeset cy:audit-table
CREATE TABLE lb_audit (
    id         INTEGER     NOT NULL PRIMARY KEY,
    account_id INTEGER     NOT NULL,
    action     VARCHAR(20) NOT NULL
);
--rollback DROP TABLE lb_audit;
