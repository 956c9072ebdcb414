-- Builds an index over every row: n log n in theory, close to linear in practice.
CREATE INDEX accounts_balance_idx ON accounts (balance);
