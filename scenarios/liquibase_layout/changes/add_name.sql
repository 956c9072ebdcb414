--liquibase formatted sql

--changeset ben:add-name
ALTER TABLE lb_accounts ADD COLUMN name VARCHAR(80);
/* liquibase rollback
ALTER TABLE lb_accounts DROP COLUMN name;
*/
