--liquibase formatted sql

--changeset cy:audit-view endDelimiter:/
CREATE VIEW lb_audit_actions AS SELECT action, account_id FROM lb_audit
/
CREATE VIEW lb_account_emails AS SELECT id, email FROM lb_accounts
/
--rollback DROP VIEW lb_account_emails;
--rollback DROP VIEW lb_audit_actions;
