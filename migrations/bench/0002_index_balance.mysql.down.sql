DROP INDEX accounts_balance_idx ON accounts;
