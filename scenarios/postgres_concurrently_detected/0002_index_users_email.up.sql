-- No marker: Crucible must notice that PostgreSQL refuses CONCURRENTLY inside a transaction
-- (SQLSTATE 25001) and run the file outside one.
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
