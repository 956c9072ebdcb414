-- crucible:no-transaction
-- Two statements outside a transaction: each runs on its own.
CREATE UNIQUE INDEX CONCURRENTLY users_name_email_idx ON users (name, email);
CREATE INDEX CONCURRENTLY users_lower_name_idx ON users (lower(name)) WHERE name <> '';
