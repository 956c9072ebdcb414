-- Accounts moved to another service.
DROP VIEW active_accounts;
DROP TABLE accounts;
