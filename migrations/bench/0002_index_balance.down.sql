DROP INDEX accounts_balance_idx;
