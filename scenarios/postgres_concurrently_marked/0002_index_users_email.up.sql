-- crucible:no-transaction
-- Builds the index without locking writes; PostgreSQL refuses to do that inside a transaction.
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
