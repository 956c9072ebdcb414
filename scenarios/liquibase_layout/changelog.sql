--liquibase formatted sql

-- The root changelog: its changesets and what it includes run in this order.

--changeset ana:create-accounts context:prod labels:core
CREATE TABLE lb_accounts (
    id    INTEGER      NOT NULL PRIMARY KEY,
    email VARCHAR(254) NOT NULL
);
--rollback DROP TABLE lb_accounts;

--include file:changes/add_name.sql

--includeAll path:more/

-- One changeset per engine family, as Liquibase projects write them.
--changeset ana:email-index-pg dbms:postgresql runInTransaction:false
CREATE INDEX CONCURRENTLY lb_accounts_email_idx ON lb_accounts (email);
--rollback DROP INDEX CONCURRENTLY lb_accounts_email_idx;

--changeset ana:email-index-my dbms:mysql,mariadb
CREATE INDEX lb_accounts_email_idx ON lb_accounts (email);
--rollback DROP INDEX lb_accounts_email_idx ON lb_accounts;

--changeset ana:email-index-lite dbms:sqlite
CREATE INDEX lb_accounts_email_idx ON lb_accounts (email);
--rollback DROP INDEX lb_accounts_email_idx;

--changeset ana:seed
INSERT INTO lb_accounts (id, email, name) VALUES (1, 'root@example.com', 'root');
--rollback empty

--changeset ana:guarded
--precondition-table-exists table:lb_legacy
DROP TABLE lb_legacy;
